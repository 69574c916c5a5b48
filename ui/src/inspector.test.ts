import { describe, expect, it } from "vitest";
import type { ClaimView } from "./bindings/ClaimView";
import { claimsInBead, spanLengths } from "./inspector";

const sentence = (start: number, end: number) => ({ id: start, ordinal: 0, start, end, paragraph: 0, text: "" });
const claim = (id: number, anchors: { lang: "zh" | "en"; textId: number; start: number; end: number }[]): ClaimView =>
  ({
    id,
    summary: "",
    claimantId: null,
    subjectIds: [],
    time: null,
    status: "unverified",
    rationale: "",
    anchors: anchors.map((a, i) => ({ id: i, documentId: 1, quote: "", prefix: "", suffix: "", orphaned: false, ...a })),
    links: [],
    evidence: [],
    history: [],
  }) as ClaimView;

describe("claimsInBead", () => {
  const bead = { zh: [sentence(10, 20)], en: [sentence(100, 180)] };
  const texts = { zh: 1, en: 2 };

  it("finds claims anchored inside or across the bead's sentences, in either language", () => {
    const inside = claim(1, [{ lang: "zh", textId: 1, start: 12, end: 15 }]);
    const across = claim(2, [{ lang: "en", textId: 2, start: 170, end: 200 }]);
    const before = claim(3, [{ lang: "zh", textId: 1, start: 0, end: 10 }]);
    const otherRevision = claim(4, [{ lang: "zh", textId: 9, start: 12, end: 15 }]);
    expect(claimsInBead([inside, across, before, otherRevision], bead, texts).map((c) => c.id)).toEqual([1, 2]);
  });

  it("ignores a side the bead lacks", () => {
    const enOnly = { zh: [], en: [sentence(100, 180)] };
    expect(claimsInBead([claim(1, [{ lang: "zh", textId: 1, start: 0, end: 5 }])], enOnly, texts)).toEqual([]);
  });
});

describe("spanLengths", () => {
  it("counts characters outside the BMP once, UTF-16 units twice", () => {
    expect(spanLengths("司马𠮷祥")).toEqual({ codePoints: 4, utf16: 5 });
    expect(spanLengths("Ouyang")).toEqual({ codePoints: 6, utf16: 6 });
  });
});
