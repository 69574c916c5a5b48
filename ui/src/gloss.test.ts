// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { GlossCache, type WordGloss, contains, domPointAt, glossView, placePopover, textIndexOf, wordAt } from "./gloss";
import { codePointToUtf16, utf16ToCodePoint } from "./offsets";

function gloss(word: string, start: number, end: number, extra: Partial<WordGloss> = {}): WordGloss {
  return { word, start, end, pinyin: [], definitions: [], inDictionary: true, characters: [], ...extra };
}

describe("GlossCache", () => {
  it("fetches a sentence once, on first use, and keeps it", async () => {
    const fetch = vi.fn(async (text: string) => [gloss(text, 0, 2)]);
    const cache = new GlossCache(fetch);
    expect(fetch).not.toHaveBeenCalled();
    const first = await cache.get("银行");
    const again = await cache.get("银行");
    expect(again).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    await cache.get("护照");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shares a fetch still on its way and forgets a failed one", async () => {
    let fail = true;
    const fetch = vi.fn(async (text: string) => {
      if (fail) throw { code: "ipc", message: "down" };
      return [gloss(text, 0, 1)];
    });
    const cache = new GlossCache(fetch);
    const a = cache.get("好");
    const b = cache.get("好");
    expect(a).toBe(b);
    await expect(a).rejects.toEqual({ code: "ipc", message: "down" });
    expect(cache.size).toBe(0);
    fail = false;
    await expect(cache.get("好")).resolves.toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("drops the oldest sentences past its limit", async () => {
    const fetch = vi.fn(async (text: string) => [gloss(text, 0, 1)]);
    const cache = new GlossCache(fetch, 2);
    await cache.get("一");
    await cache.get("二");
    await cache.get("三");
    expect(cache.size).toBe(2);
    await cache.get("一");
    expect(fetch).toHaveBeenCalledTimes(4);
  });
});

describe("wordAt", () => {
  const words = [gloss("本人", 0, 2), gloss("护照", 3, 5), gloss("号码", 5, 7)];

  it("finds the word covering a code point, start inclusive, end exclusive", () => {
    expect(wordAt(words, 0)?.word).toBe("本人");
    expect(wordAt(words, 1)?.word).toBe("本人");
    expect(wordAt(words, 4)?.word).toBe("护照");
    expect(wordAt(words, 5)?.word).toBe("号码");
    expect(wordAt(words, 6)?.word).toBe("号码");
  });

  it("finds nothing between words, past the end or in an empty list", () => {
    expect(wordAt(words, 2)).toBeNull();
    expect(wordAt(words, 7)).toBeNull();
    expect(wordAt([], 0)).toBeNull();
  });

  it("works in code points after a character outside the BMP", () => {
    const text = "𠮷的银行";
    const bank = [gloss("𠮷", 0, 1), gloss("的", 1, 2), gloss("银行", 2, 4)];
    // The caret before 银 is UTF-16 index 3 (𠮷 takes two units), code point 2.
    const codePoint = utf16ToCodePoint(text, text.indexOf("银"));
    expect(codePoint).toBe(2);
    expect(wordAt(bank, codePoint)?.word).toBe("银行");
  });
});

describe("glossView", () => {
  it("shows the usual reading, the others and the first definitions", () => {
    const view = glossView(
      gloss("行", 0, 1, {
        pinyin: ["xíng", "háng"],
        definitions: ["to walk", "to go", "to travel", "capable", "all right", "behavior"],
      }),
    );
    expect(view.pinyin).toBe("xíng");
    expect(view.otherPinyin).toEqual(["háng"]);
    expect(view.definitions).toEqual(["to walk", "to go", "to travel", "capable"]);
    expect(view.more).toBe(2);
    expect(view.note).toBeNull();
    expect(view.characters).toEqual([]);
  });

  it("shows each character of a word the dictionary lacks", () => {
    const view = glossView(
      gloss("渭川市", 0, 3, {
        inDictionary: false,
        pinyin: ["wèi chuān shì"],
        characters: [
          { character: "渭", pinyin: ["wèi"], definitions: ["Wei River"] },
          { character: "川", pinyin: ["chuān"], definitions: ["river", "creek"] },
          { character: "市", pinyin: ["shì"], definitions: [] },
        ],
      }),
    );
    expect(view.pinyin).toBe("wèi chuān shì");
    expect(view.note).toBe("Not in CC-CEDICT; by character:");
    expect(view.characters).toEqual([
      { character: "渭", pinyin: "wèi", definition: "Wei River" },
      { character: "川", pinyin: "chuān", definition: "river" },
      { character: "市", pinyin: "shì", definition: "" },
    ]);
  });

  it("says so when nothing is known", () => {
    const view = glossView(gloss("𠮷", 0, 1, { inDictionary: false }));
    expect(view.pinyin).toBeNull();
    expect(view.note).toBe("No reading known");
  });
});

describe("placePopover", () => {
  const viewport = { width: 1000, height: 800 };
  const word = { left: 100, top: 300, right: 140, bottom: 320 };

  it("goes below the word, clear of it, aligned with its left edge", () => {
    const place = placePopover(word, 200, 100, viewport);
    expect(place.side).toBe("below");
    expect(place.top).toBeGreaterThanOrEqual(word.bottom);
    expect(place.left).toBe(100);
  });

  it("goes above a word near the bottom of the window, never over it", () => {
    const low = { left: 100, top: 740, right: 140, bottom: 760 };
    const place = placePopover(low, 200, 100, viewport);
    expect(place.side).toBe("above");
    expect(place.top + 100).toBeLessThanOrEqual(low.top);
    expect(place.top).toBeGreaterThanOrEqual(0);
  });

  it("stays inside the window on the right", () => {
    const right = { left: 950, top: 300, right: 990, bottom: 320 };
    const place = placePopover(right, 300, 100, viewport);
    expect(place.left + 300).toBeLessThanOrEqual(viewport.width);
    expect(place.left).toBeGreaterThanOrEqual(0);
  });

  it("takes the roomier side when it fits neither, cut to the room there", () => {
    const middle = { left: 100, top: 380, right: 140, bottom: 400 };
    const place = placePopover(middle, 200, 600, viewport);
    expect(place.side).toBe("below");
    expect(place.top).toBeGreaterThanOrEqual(middle.bottom);
    expect(place.top + place.maxHeight).toBeLessThanOrEqual(viewport.height);
    const upper = placePopover({ left: 100, top: 500, right: 140, bottom: 520 }, 200, 600, viewport);
    expect(upper.side).toBe("above");
    expect(upper.top).toBeGreaterThanOrEqual(0);
    expect(upper.top + Math.min(600, upper.maxHeight)).toBeLessThanOrEqual(500);
  });

  it("contains checks a point against a box, with slack", () => {
    expect(contains(word, 120, 310)).toBe(true);
    expect(contains(word, 141, 310)).toBe(false);
    expect(contains(word, 141, 310, 1)).toBe(true);
  });
});

describe("DOM points of a sentence cut into pieces", () => {
  // As BeadTable draws it: plain text, a link span with a mention inside, plain text.
  function sentence(): HTMLElement {
    const el = document.createElement("span");
    el.className = "sentence-text";
    el.append("𠮷说");
    const link = document.createElement("span");
    link.className = "link";
    const mention = document.createElement("span");
    mention.className = "mention";
    mention.append("渭川市");
    link.append(mention, "的");
    el.append(link, "护照。");
    document.body.append(el);
    return el;
  }

  it("a point in any piece is a UTF-16 index of the whole sentence", () => {
    const el = sentence();
    const text = el.textContent ?? "";
    expect(text).toBe("𠮷说渭川市的护照。");
    const mentionText = el.querySelector(".mention")?.firstChild as Text;
    expect(textIndexOf(el, mentionText, 1)).toBe(text.indexOf("川"));
    const last = el.lastChild as Text;
    expect(textIndexOf(el, last, 0)).toBe(text.indexOf("护"));
    // In code points, 川 is the fourth character (𠮷 is one).
    expect(utf16ToCodePoint(text, textIndexOf(el, mentionText, 1) ?? -1)).toBe(3);
    expect(textIndexOf(el, document.body, 0)).toBeNull();
  });

  it("an index goes back to the text node it is in, the bias choosing at a boundary", () => {
    const el = sentence();
    const text = el.textContent ?? "";
    const hu = codePointToUtf16(text, 6);
    expect(text.slice(hu, hu + 1)).toBe("护");
    const start = domPointAt(el, hu, "start");
    expect(start?.node.data).toBe("护照。");
    expect(start?.offset).toBe(0);
    const end = domPointAt(el, hu, "end");
    expect(end?.node.data).toBe("的");
    expect(end?.offset).toBe(1);
    expect(domPointAt(el, 0)?.node.data).toBe("𠮷说");
    expect(domPointAt(el, text.length)?.offset).toBe(3);
    expect(domPointAt(el, text.length + 1)).toBeNull();
    // A range between the two points covers exactly the word.
    const range = document.createRange();
    const from = domPointAt(el, codePointToUtf16(text, 2), "start");
    const to = domPointAt(el, codePointToUtf16(text, 5), "end");
    range.setStart(from!.node, from!.offset);
    range.setEnd(to!.node, to!.offset);
    expect(range.toString()).toBe("渭川市");
  });
});
