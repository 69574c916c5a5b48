import { describe, expect, it } from "vitest";
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "./offsets";

// 𠮷 (U+20BB7) and 👍 (U+1F44D) are one code point and two UTF-16 units each.
const text = "张𠮷祥说👍好。";

describe("code point ↔ UTF-16 conversion", () => {
  it("is the identity before the first astral character", () => {
    expect(codePointToUtf16(text, 1)).toBe(1);
    expect(utf16ToCodePoint(text, 1)).toBe(1);
  });

  it("counts an astral character as one code point and two units", () => {
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(codePointToUtf16(text, 5)).toBe(7);
    expect(codePointLength(text)).toBe(7);
    expect(text.length).toBe(9);
  });

  it("round-trips every code-point offset and slices the same characters", () => {
    const chars = Array.from(text);
    for (let start = 0; start <= chars.length; start++) {
      for (let end = start; end <= chars.length; end++) {
        const sliced = text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
        expect(sliced).toBe(chars.slice(start, end).join(""));
        expect(utf16ToCodePoint(text, codePointToUtf16(text, start))).toBe(start);
      }
    }
  });

  it("moves an offset inside a surrogate pair back to the character start", () => {
    expect(utf16ToCodePoint(text, 2)).toBe(1);
  });

  it("rejects offsets outside the text", () => {
    expect(() => codePointToUtf16(text, 8)).toThrow(RangeError);
    expect(() => utf16ToCodePoint(text, 10)).toThrow(RangeError);
    expect(() => codePointToUtf16(text, -1)).toThrow(RangeError);
  });
});
