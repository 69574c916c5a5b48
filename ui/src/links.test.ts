import { describe, expect, it } from "vitest";
import type { SpanLinkView } from "./bindings/SpanLinkView";
import {
  afterRemoval,
  cycleLink,
  linkCountText,
  linkCounts,
  linkTints,
  linkTitle,
  orderedLinks,
  primaryLink,
  quoteOf,
  segmentSentence,
  selectionSpan,
  suggestedLinks,
  TINTS,
  withSelection,
} from "./links";

function link(id: number, zh: [number, number], en: [number, number], extra: Partial<SpanLinkView> = {}): SpanLinkView {
  return {
    id,
    zhStart: zh[0],
    zhEnd: zh[1],
    enStart: en[0],
    enEnd: en[1],
    origin: "auto",
    status: "suggested",
    reason: "dictionary",
    ...extra,
  };
}

const texts = (pieces: { text: string }[]) => pieces.map((piece) => piece.text);

describe("segmentSentence", () => {
  it("returns one plain piece for a sentence without marks", () => {
    const pieces = segmentSentence({ start: 10, end: 13, text: "你好。" }, []);
    expect(pieces).toEqual([{ text: "你好。", start: 10, end: 13, marks: [] }]);
  });

  it("cuts at marks given in code points into the whole text", () => {
    // The sentence starts at code point 100 of its text.
    const sentence = { start: 100, end: 108, text: "本人欧阳翀，男。" };
    const name = { start: 102, end: 105, id: 7 };
    const pieces = segmentSentence(sentence, [name]);
    expect(texts(pieces)).toEqual(["本人", "欧阳翀", "，男。"]);
    expect(pieces[1]).toEqual({ text: "欧阳翀", start: 102, end: 105, marks: [name] });
    expect(pieces[0]?.marks).toEqual([]);
  });

  it("counts a character outside the BMP as one code point", () => {
    // 𠮷 and 😀 are two UTF-16 units each but one code point.
    const sentence = { start: 0, end: 9, text: "司马𠮷祥说😀好吗？" };
    const pieces = segmentSentence(sentence, [
      { start: 0, end: 4 },
      { start: 5, end: 6 },
    ]);
    expect(texts(pieces)).toEqual(["司马𠮷祥", "说", "😀", "好吗？"]);
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      [0, 4],
      [4, 5],
      [5, 6],
      [6, 9],
    ]);
    expect(texts(pieces).join("")).toBe(sentence.text);
  });

  it("gives overlapping and nested marks their own pieces", () => {
    const sentence = { start: 0, end: 11, text: "Mr. 𠮷 went" };
    const outer = { start: 0, end: 5 };
    const inner = { start: 4, end: 5 };
    const later = { start: 4, end: 11 };
    const pieces = segmentSentence(sentence, [outer, inner, later]);
    expect(texts(pieces)).toEqual(["Mr. ", "𠮷", " went"]);
    expect(pieces[0]?.marks).toEqual([outer]);
    expect(pieces[1]?.marks).toEqual([outer, inner, later]);
    expect(pieces[2]?.marks).toEqual([later]);
  });

  it("clips marks to the sentence and ignores marks elsewhere or empty", () => {
    const sentence = { start: 20, end: 25, text: "🎉 yes" };
    const spanning = { start: 15, end: 21 };
    const after = { start: 25, end: 30 };
    const before = { start: 0, end: 20 };
    const empty = { start: 22, end: 22 };
    const pieces = segmentSentence(sentence, [spanning, after, before, empty]);
    expect(texts(pieces)).toEqual(["🎉", " yes"]);
    expect(pieces[0]).toEqual({ text: "🎉", start: 20, end: 21, marks: [spanning] });
    expect(pieces[1]?.marks).toEqual([]);
  });

  it("stops at the text's end even if a mark runs past it", () => {
    const pieces = segmentSentence({ start: 0, end: 2, text: "a😀" }, [{ start: 1, end: 9 }]);
    expect(texts(pieces)).toEqual(["a", "😀"]);
  });
});

describe("link order and cycling", () => {
  const a = link(30, [5, 7], [40, 45]);
  const b = link(10, [0, 2], [50, 55]);
  const c = link(20, [5, 7], [30, 35]);
  const links = [a, b, c];

  it("orders links by zh span, then en span", () => {
    expect(orderedLinks(links).map((l) => l.id)).toEqual([10, 20, 30]);
  });

  it("cycles forwards and backwards, wrapping around", () => {
    expect(cycleLink(links, null, 1)).toBe(10);
    expect(cycleLink(links, null, -1)).toBe(30);
    expect(cycleLink(links, 10, 1)).toBe(20);
    expect(cycleLink(links, 30, 1)).toBe(10);
    expect(cycleLink(links, 10, -1)).toBe(30);
    // A current link that is gone starts over.
    expect(cycleLink(links, 99, 1)).toBe(10);
    expect(cycleLink([], null, 1)).toBeNull();
    expect(cycleLink([a], 30, 1)).toBe(30);
  });

  it("moves to the next link after a removal, else the previous one", () => {
    expect(afterRemoval(links, 20)).toBe(30);
    expect(afterRemoval(links, 30)).toBe(20);
    expect(afterRemoval([a], 30)).toBeNull();
    expect(afterRemoval(links, 99)).toBeNull();
  });

  it("tints links by id, so a link keeps its colour when others come and go", () => {
    const many = Array.from({ length: TINTS + 2 }, (_, i) => link(i + 1, [i, i + 1], [i, i + 1]));
    const tints = linkTints(many);
    expect(tints.get(1)).toBe(1);
    expect(tints.get(2)).toBe(2);
    expect(tints.get(TINTS)).toBe(0);
    expect(tints.get(TINTS + 1)).toBe(1);
    expect(linkTints(many.slice(1)).get(2)).toBe(2);
    expect(linkTints(links).get(20)).toBe(20 % TINTS);
  });

  it("draws a piece covered by several links as the shortest on that side", () => {
    const wide = link(1, [0, 6], [0, 3]);
    const narrow = link(2, [2, 4], [0, 9]);
    expect(primaryLink([wide, narrow], "zh")?.id).toBe(2);
    expect(primaryLink([wide, narrow], "en")?.id).toBe(1);
    expect(primaryLink([], "zh")).toBeNull();
  });

  it("lists the suggested links for accepting them all", () => {
    const accepted = link(5, [1, 2], [1, 2], { status: "accepted" });
    expect(suggestedLinks([a, accepted, b])).toEqual([10, 30]);
  });
});

describe("counts and titles", () => {
  it("counts links and accepted links", () => {
    const links = [link(1, [0, 1], [0, 1]), link(2, [1, 2], [1, 2], { status: "accepted" })];
    expect(linkCounts(links)).toEqual({ links: 2, accepted: 1 });
    expect(linkCountText(linkCounts(links))).toBe("2 links · 1 accepted");
    expect(linkCountText({ links: 1, accepted: 0 })).toBe("1 link · 0 accepted");
    expect(linkCountText({ links: 0, accepted: 0 })).toBe("");
  });

  it("explains a link in its tooltip, with its words read from the bead", () => {
    const bead = {
      zh: [{ start: 100, end: 105, text: "𠮷在中国。" }],
      en: [{ start: 200, end: 212, text: "Ji in China." }],
    };
    const suggested = link(1, [102, 104], [206, 211], {});
    expect(linkTitle(bead, suggested)).toBe("中国 ↔ China · suggested (dictionary)");
    const manual = link(2, [100, 101], [200, 202], { origin: "manual", status: "accepted", reason: null });
    expect(linkTitle(bead, manual)).toBe("𠮷 ↔ Ji · accepted (by hand)");
  });
});

describe("selectionSpan", () => {
  const zh = { start: 50, end: 58, text: "司马𠮷祥是所长。" };

  it("turns UTF-16 selection ends into code points into the whole text", () => {
    // "𠮷祥" is UTF-16 [2, 5) and code points [2, 4) of the sentence.
    expect(selectionSpan({ sentence: zh, utf16: 2 }, { sentence: zh, utf16: 5 })).toEqual({ start: 52, end: 54 });
    expect(selectionSpan({ sentence: zh, utf16: 0 }, { sentence: zh, utf16: 9 })).toEqual({ start: 50, end: 58 });
  });

  it("never cuts a surrogate pair", () => {
    // Ending between the halves of 𠮷 takes the whole character; starting there too.
    expect(selectionSpan({ sentence: zh, utf16: 0 }, { sentence: zh, utf16: 3 })).toEqual({ start: 50, end: 53 });
    expect(selectionSpan({ sentence: zh, utf16: 3 }, { sentence: zh, utf16: 5 })).toEqual({ start: 52, end: 54 });
  });

  it("leaves out whitespace at either end", () => {
    const en = { start: 10, end: 27, text: "Mr. 😀 Sima went." };
    // " 😀 " selected: only the emoji.
    expect(selectionSpan({ sentence: en, utf16: 3 }, { sentence: en, utf16: 7 })).toEqual({ start: 14, end: 15 });
    // "Sima " (a double-click's trailing space).
    expect(selectionSpan({ sentence: en, utf16: 7 }, { sentence: en, utf16: 12 })).toEqual({ start: 16, end: 20 });
    expect(selectionSpan({ sentence: en, utf16: 3 }, { sentence: en, utf16: 4 })).toBeNull();
    expect(selectionSpan({ sentence: en, utf16: 5 }, { sentence: en, utf16: 5 })).toBeNull();
  });

  it("spans two sentences of one side", () => {
    const first = { start: 0, end: 4, text: "One." };
    const second = { start: 5, end: 9, text: "Two." };
    expect(selectionSpan({ sentence: first, utf16: 0 }, { sentence: second, utf16: 3 })).toEqual({ start: 0, end: 8 });
  });
});

describe("withSelection", () => {
  it("keeps the other side's selection in the same bead and starts over in another", () => {
    const zh = withSelection(null, 4, "zh", { start: 1, end: 3 });
    expect(zh).toEqual({ beadId: 4, zh: { start: 1, end: 3 }, en: null });
    const both = withSelection(zh, 4, "en", { start: 10, end: 12 });
    expect(both).toEqual({ beadId: 4, zh: { start: 1, end: 3 }, en: { start: 10, end: 12 } });
    expect(withSelection(both, 4, "zh", { start: 5, end: 6 }).zh).toEqual({ start: 5, end: 6 });
    expect(withSelection(both, 9, "en", { start: 70, end: 72 })).toEqual({
      beadId: 9,
      zh: null,
      en: { start: 70, end: 72 },
    });
  });
});

describe("quoteOf", () => {
  it("quotes a span in code points, over one or two sentences", () => {
    const sentences = [
      { start: 0, end: 5, text: "司马𠮷祥。" },
      { start: 5, end: 9, text: "😀好吗" },
    ];
    expect(quoteOf(sentences, { start: 2, end: 4 })).toBe("𠮷祥");
    expect(quoteOf(sentences, { start: 3, end: 7 })).toBe("祥。 😀好");
    expect(quoteOf(sentences, { start: 20, end: 22 })).toBe("");
    expect(quoteOf(sentences, { start: 0, end: 9 })).toBe("司马𠮷祥。 😀好吗");
    expect(quoteOf(sentences, { start: 4, end: 5 })).toBe("。");
    expect(quoteOf(sentences, { start: 5, end: 5 })).toBe("");
  });
});
