// @vitest-environment jsdom
import { act, createElement } from "react";
import { type Root, createRoot } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";
import { codePointToUtf16 } from "./offsets";
import {
  type SearchHit,
  type SearchResult,
  countText,
  foldCase,
  foldWidth,
  hitFrom,
  hitsInBead,
  queryError,
  refindHit,
  searchAlignment,
  stepHit,
} from "./search";
import { SearchBar } from "./SearchBar";

/** A bead from its zh and en sentences; offsets laid out as if the sentences were contiguous. */
function makeAlignment(pairs: [string[], string[]][]): AlignmentView {
  let zhAt = 0;
  let enAt = 0;
  let sentenceId = 1;
  const beads: BeadView[] = pairs.map(([zh, en], position) => {
    const side = (texts: string[], lang: "zh" | "en") =>
      texts.map((text, ordinal) => {
        const length = [...text].length;
        const start = lang === "zh" ? zhAt : enAt;
        if (lang === "zh") zhAt += length;
        else enAt += length;
        return { id: sentenceId++, ordinal, start, end: start + length, text };
      });
    return {
      id: 100 + position,
      position,
      zh: side(zh, "zh"),
      en: side(en, "en"),
      confidence: 0.9,
      origin: "auto",
      status: "unconfirmed",
      links: [],
    } as BeadView;
  });
  return { id: 1, documentId: 1, zhTextId: 1, enTextId: 2, beads };
}

function hitsOf(result: SearchResult): SearchHit[] {
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.hits;
}

/** The text a hit points at, cut from the sentence through code-point offsets. */
function textAt(alignment: AlignmentView, hit: SearchHit): string {
  const sentence = alignment.beads[hit.beadIndex]![hit.lang].find((s) => s.id === hit.sentenceId)!;
  return sentence.text.slice(
    codePointToUtf16(sentence.text, hit.start - sentence.start),
    codePointToUtf16(sentence.text, hit.end - sentence.start),
  );
}

const doc = makeAlignment([
  [["国务院新闻办公室发布白皮书。"], ["The State Council Information Office issued a white paper."]],
  [["𠮷野家在2019年10月开业😀，很好。", "第二句。"], ["Yoshinoya 😀 opened in October 2019, the STATE said."]],
  [[], ["An English-only bead about the State."]],
]);

describe("searchAlignment, plain text", () => {
  it("finds across both languages in reading order, ignoring Latin case", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "state" }));
    expect(hits.map((h) => [h.beadIndex, h.lang, h.match])).toEqual([
      [0, "en", "State"],
      [1, "en", "STATE"],
      [2, "en", "State"],
    ]);
    expect(hits[0]).toMatchObject({ beadId: 100, sentenceId: 2, start: 4, end: 9 });
  });

  it("matches case exactly when asked", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "STATE", caseSensitive: true }));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.beadIndex).toBe(1);
  });

  it("gives offsets in code points after 𠮷 and emoji", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "开业" }));
    expect(hits).toHaveLength(1);
    const zh = doc.beads[1]!.zh[0]!;
    // 𠮷 is one code point (two UTF-16 units): 𠮷野家在2019年10月 is 12 code points.
    expect(hits[0]).toMatchObject({ lang: "zh", sentenceId: zh.id, start: zh.start + 12, end: zh.start + 14 });
    expect(textAt(doc, hits[0]!)).toBe("开业");
    expect(hits[0]!.before).toBe("𠮷野家在2019年10月");
    expect(hits[0]!.after).toBe("😀，很好。");

    const emoji = hitsOf(searchAlignment(doc, { query: "😀" }));
    expect(emoji.map((h) => [h.lang, h.start - doc.beads[1]![h.lang][0]!.start, h.end - h.start])).toEqual([
      ["zh", 14, 1],
      ["en", 10, 1],
    ]);
    for (const hit of emoji) expect(textAt(doc, hit)).toBe("😀");
    const yoshi = hitsOf(searchAlignment(doc, { query: "𠮷野" }));
    expect(yoshi[0]).toMatchObject({ start: 14, end: 16, before: "", match: "𠮷野" });
  });

  it("offsets count from the sentence's start in the whole text", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "第二" }));
    const second = doc.beads[1]!.zh[1]!;
    expect(hits[0]).toMatchObject({ sentenceId: second.id, start: second.start, end: second.start + 2 });
  });

  it("folds full-width and half-width forms unless told not to", () => {
    const wide = makeAlignment([[["型号ＡＢＣ－１２３，价格￥５"], ["Model abc-123, price ¥5"]]]);
    const hits = hitsOf(searchAlignment(wide, { query: "abc-123" }));
    expect(hits.map((h) => [h.lang, h.match])).toEqual([
      ["zh", "ＡＢＣ－１２３"],
      ["en", "abc-123"],
    ]);
    expect(hits[0]).toMatchObject({ start: 2, end: 9 });
    expect(hitsOf(searchAlignment(wide, { query: "ＡＢＣ" })).map((h) => h.match)).toEqual(["ＡＢＣ", "abc"]);
    expect(hitsOf(searchAlignment(wide, { query: "¥5" }))).toHaveLength(2);
    expect(hitsOf(searchAlignment(wide, { query: "abc", foldWidth: false }))).toHaveLength(1);
    expect(hitsOf(searchAlignment(wide, { query: "ABC", caseSensitive: true })).map((h) => h.lang)).toEqual(["zh"]);
  });

  it("finds overlapping text left to right without overlaps, and repeated matches", () => {
    const a = makeAlignment([[["啊啊啊啊啊"], []]]);
    expect(hitsOf(searchAlignment(a, { query: "啊啊" })).map((h) => h.start)).toEqual([0, 2]);
  });

  it("treats regex characters literally in plain mode", () => {
    const a = makeAlignment([[[], ["Costs (a.k.a. fees) rose [sic]."]]]);
    expect(hitsOf(searchAlignment(a, { query: "(a.k.a." })).map((h) => h.start)).toEqual([6]);
    expect(hitsOf(searchAlignment(a, { query: "[sic]" }))).toHaveLength(1);
    expect(hitsOf(searchAlignment(a, { query: "a.k" }))).toHaveLength(1);
  });

  it("finds nothing for an empty or blank query, or no alignment", () => {
    expect(searchAlignment(doc, { query: "" })).toEqual({ ok: true, hits: [], capped: false });
    expect(searchAlignment(doc, { query: "   " })).toEqual({ ok: true, hits: [], capped: false });
    expect(searchAlignment(null, { query: "state" })).toEqual({ ok: true, hits: [], capped: false });
  });

  it("searches only the sides asked for", () => {
    expect(hitsOf(searchAlignment(doc, { query: "😀", langs: ["en"] })).map((h) => h.lang)).toEqual(["en"]);
  });

  it("cuts snippets to the context, in code points, and says so", () => {
    const long = makeAlignment([[["𠮷".repeat(10) + "目标" + "😀".repeat(10)], []]]);
    const [hit] = hitsOf(searchAlignment(long, { query: "目标", context: 3 }));
    expect(hit).toMatchObject({ before: "𠮷𠮷𠮷", match: "目标", after: "😀😀😀", clippedBefore: true, clippedAfter: true });
    const [whole] = hitsOf(searchAlignment(long, { query: "目标", context: 10 }));
    expect(whole).toMatchObject({ before: "𠮷".repeat(10), after: "😀".repeat(10), clippedBefore: false, clippedAfter: false });
  });

  it("caps the results and reports it", () => {
    const many = makeAlignment(Array.from({ length: 30 }, () => [["aaaa"], ["aaaa"]] as [string[], string[]]));
    const capped = searchAlignment(many, { query: "a", limit: 100 });
    expect(capped.ok && capped.capped).toBe(true);
    expect(hitsOf(capped)).toHaveLength(100);
    const exact = searchAlignment(many, { query: "a", limit: 240 });
    expect(exact.ok && exact.capped).toBe(false);
    expect(hitsOf(exact)).toHaveLength(240);
    const regex = searchAlignment(many, { query: "a", regex: true, limit: 7 });
    expect(regex.ok && regex.capped).toBe(true);
    expect(hitsOf(regex)).toHaveLength(7);
  });

  it("renders user text as data: markup in a query or a sentence is just characters", () => {
    const a = makeAlignment([[[], ["<b>bold</b> & <script>"]]]);
    expect(hitsOf(searchAlignment(a, { query: "<script>" }))[0]).toMatchObject({ before: "<b>bold</b> & ", match: "<script>" });
  });
});

describe("searchAlignment, regular expressions", () => {
  it("matches with the u flag: . takes a whole 𠮷 or emoji", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "^.野", regex: true }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ match: "𠮷野", start: 14, end: 16 });
    const emoji = hitsOf(searchAlignment(doc, { query: "\\p{Extended_Pictographic}", regex: true }));
    expect(emoji.map((h) => h.end - h.start)).toEqual([1, 1]);
  });

  it("reports groups, from the original text", () => {
    const hits = hitsOf(searchAlignment(doc, { query: "(\\d{4})年(\\d{1,2})月(x)?", regex: true }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ match: "2019年10月", groups: ["2019", "10", null], start: 18, end: 26 });
    const named = hitsOf(searchAlignment(doc, { query: "(?<month>October) (?<year>\\d+)", regex: true }));
    expect(named[0]!.groups).toEqual(["October", "2019"]);
    const wide = makeAlignment([[["编号ＡＢ１２"], []]]);
    expect(hitsOf(searchAlignment(wide, { query: "([a-z]+)(\\d+)", regex: true }))[0]).toMatchObject({
      match: "ＡＢ１２",
      groups: ["ＡＢ", "１２"],
      start: 2,
      end: 6,
    });
  });

  it("ignores case unless asked", () => {
    expect(hitsOf(searchAlignment(doc, { query: "state\\b", regex: true }))).toHaveLength(3);
    expect(hitsOf(searchAlignment(doc, { query: "State\\b", regex: true, caseSensitive: true }))).toHaveLength(2);
  });

  it("skips zero-length matches without looping", () => {
    for (const query of ["", "^", "$", "\\b", "x*", "(?=a)", "(?:)", "a*?"]) {
      const result = searchAlignment(doc, { query, regex: true });
      expect(hitsOf(result)).toEqual([]);
    }
    // Empty matches between real ones do not hide or repeat the real ones.
    const a = makeAlignment([[["𠮷aa𠮷a"], []]]);
    expect(hitsOf(searchAlignment(a, { query: "a*", regex: true })).map((h) => [h.start, h.end])).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });

  it("returns an error for an invalid pattern, never throws", () => {
    for (const query of ["(", "[a-", "a{2,1}", "\\p{NoSuchProperty}", "\\-", "(?<x>a)(?<x>b)"]) {
      const result = searchAlignment(doc, { query, regex: true });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      expect(queryError({ query, regex: true })).toBe(result.ok ? null : result.error);
    }
    expect(queryError({ query: "(", regex: false })).toBeNull();
    expect(queryError({ query: "a+", regex: true })).toBeNull();
  });

  it("treats full-width characters in a pattern as literals when folding", () => {
    const a = makeAlignment([[["见（附件）"], ["see (annex)"]]]);
    const hits = hitsOf(searchAlignment(a, { query: "（\\w+）", regex: true }));
    expect(hits.map((h) => h.match)).toEqual(["(annex)"]);
    expect(hitsOf(searchAlignment(a, { query: "（.+）", regex: true })).map((h) => h.match)).toEqual(["（附件）", "(annex)"]);
  });
});

describe("folding", () => {
  it("keeps code points and UTF-16 units one for one", () => {
    const text = "İSTANBUL Ａｂｃ　ΣΑΣ 𐐀😀 ｢ｲ｣";
    for (const folded of [foldCase(text), foldWidth(text), foldCase(foldWidth(text))]) {
      expect(folded.length).toBe(text.length);
      expect([...folded].length).toBe([...text].length);
    }
    expect(foldCase("İSTANBUL ΣΑΣ 𐐀")).toBe("istanbul σασ 𐐨");
    expect(foldWidth("Ａｂｃ　１，｢｣")).toBe("Abc 1,「」");
  });
});

describe("navigation", () => {
  const hits = hitsOf(searchAlignment(doc, { query: "😀|state|开业", regex: true }));
  it("keeps reading order", () => {
    expect(hits.map((h) => [h.beadIndex, h.lang, h.match])).toEqual([
      [0, "en", "State"],
      [1, "zh", "开业"],
      [1, "zh", "😀"],
      [1, "en", "😀"],
      [1, "en", "STATE"],
      [2, "en", "State"],
    ]);
  });

  it("steps forward and back, wrapping", () => {
    expect(stepHit(-1, 6, 1)).toBe(0);
    expect(stepHit(-1, 6, -1)).toBe(5);
    expect(stepHit(5, 6, 1)).toBe(0);
    expect(stepHit(0, 6, -1)).toBe(5);
    expect(stepHit(2, 6, 1)).toBe(3);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });

  it("finds the first result from a place, forward and backward", () => {
    expect(hitFrom(hits, { beadIndex: 1 })).toBe(1);
    expect(hitFrom(hits, { beadIndex: 1, lang: "en" })).toBe(3);
    expect(hitFrom(hits, { beadIndex: 1, lang: "zh", offset: 30 })).toBe(3);
    expect(hitFrom(hits, { beadIndex: 3 })).toBe(0);
    expect(hitFrom(hits, { beadIndex: 1 }, -1)).toBe(0);
    expect(hitFrom(hits, { beadIndex: 0 }, -1)).toBe(5);
    expect(hitFrom([], { beadIndex: 0 })).toBe(-1);
  });

  it("lists a bead's results and finds a result again", () => {
    expect(hitsInBead(hits, 1).map((h) => h.match)).toEqual(["开业", "😀", "😀", "STATE"]);
    expect(hitsInBead(hits, 7)).toEqual([]);
    expect(refindHit(hits, hits[3]!)).toBe(3);
    expect(refindHit(hits, { beadId: 999, beadIndex: 1, lang: "en", start: 0 })).toBe(3);
  });

  it("counts", () => {
    expect(countText(null, -1)).toBe("");
    expect(countText({ ok: false, error: "x" }, -1)).toBe("Invalid pattern");
    expect(countText({ ok: true, hits: [], capped: false }, -1)).toBe("No results");
    expect(countText({ ok: true, hits, capped: false }, 2)).toBe("3 of 6");
    expect(countText({ ok: true, hits, capped: false }, -1)).toBe("6 results");
    expect(countText({ ok: true, hits: hits.slice(0, 1), capped: false }, -1)).toBe("1 result");
    const big = { ok: true as const, hits: Array.from({ length: 5000 }, () => hits[0]!), capped: true };
    expect(countText(big, 0)).toBe("1 of 5,000+");
  });
});

describe("a 10,000-bead alignment", () => {
  const big = makeAlignment(
    Array.from({ length: 10_000 }, (_, i) => [
      [`第${i}条　国务院𠮷办公室于2019年10月发布通知😀，要求各部门执行。`],
      [`Article ${i}: the State Council office issued a notice in October 2019 asking all departments to comply.`],
    ]),
  );

  it("searches plain text and regular expressions quickly", () => {
    let t = performance.now();
    const plain = searchAlignment(big, { query: "state council" });
    const plainMs = performance.now() - t;
    expect(hitsOf(plain)).toHaveLength(5000);
    expect(plain.ok && plain.capped).toBe(true);

    t = performance.now();
    const rare = searchAlignment(big, { query: "第9999条" });
    const rareMs = performance.now() - t;
    expect(hitsOf(rare)).toHaveLength(1);
    expect(hitsOf(rare)[0]).toMatchObject({ beadIndex: 9999, lang: "zh" });

    t = performance.now();
    const regex = searchAlignment(big, { query: "(\\d{4})年(\\d+)月", regex: true, limit: 20_000 });
    const regexMs = performance.now() - t;
    expect(hitsOf(regex)).toHaveLength(10_000);
    expect(hitsOf(regex)[9_999]!.groups).toEqual(["2019", "10"]);

    t = performance.now();
    const none = searchAlignment(big, { query: "\\b", regex: true });
    const noneMs = performance.now() - t;
    expect(hitsOf(none)).toHaveLength(0);

    // Generous bounds for slow CI machines; locally each takes a few tens of milliseconds.
    for (const ms of [plainMs, rareMs, regexMs, noneMs]) expect(ms).toBeLessThan(1500);
  });
});

// ---------------------------------------------------------------------------------------
// The search bar, rendered in jsdom

describe("SearchBar", () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement("div");
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const render = (props: Parameters<typeof SearchBar>[0]) => act(() => root.render(createElement(SearchBar, props)));
  const input = () => container.querySelector("input") as HTMLInputElement;
  const type = (value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input(), value);
      input().dispatchEvent(new Event("input", { bubbles: true }));
    });
  const key = (key: string, init: KeyboardEventInit = {}) =>
    act(() => {
      input().dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
    });
  const count = () => container.querySelector(".search-count")!.textContent;
  const button = (label: string) => container.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement;

  it("counts, goes to results with Enter and Shift+Enter, and closes on Escape", async () => {
    const onGoTo = vi.fn();
    const onClose = vi.fn();
    await render({ alignment: doc, onGoTo, onClose });
    expect(document.activeElement).toBe(input());
    expect(input().getAttribute("aria-label")).toBeTruthy();
    await type("state");
    expect(count()).toBe("1 of 3");
    expect(onGoTo).toHaveBeenLastCalledWith(expect.objectContaining({ beadIndex: 0, match: "State" }));
    await key("Enter");
    expect(count()).toBe("2 of 3");
    expect(onGoTo).toHaveBeenLastCalledWith(expect.objectContaining({ beadIndex: 1, match: "STATE" }));
    await key("Enter");
    await key("Enter");
    expect(count()).toBe("1 of 3");
    await key("Enter", { shiftKey: true });
    expect(count()).toBe("3 of 3");
    expect(onGoTo).toHaveBeenLastCalledWith(expect.objectContaining({ beadIndex: 2 }));
    expect(onClose).not.toHaveBeenCalled();
    await key("Escape");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("toggles case and regex, and shows an invalid pattern", async () => {
    const onGoTo = vi.fn();
    await render({ alignment: doc, onGoTo, onClose: () => {} });
    await type("STATE");
    expect(count()).toBe("1 of 3");
    const aa = button("Match case");
    await act(() => aa.click());
    expect(aa.getAttribute("aria-pressed")).toBe("true");
    expect(count()).toBe("1 of 1");
    await type("(\\d+)年");
    expect(count()).toBe("No results");
    const regex = button("Regular expression");
    await act(() => regex.click());
    expect(regex.getAttribute("aria-pressed")).toBe("true");
    expect(count()).toBe("1 of 1");
    expect(onGoTo).toHaveBeenLastCalledWith(expect.objectContaining({ match: "2019年", groups: ["2019"] }));
    await type("(");
    expect(count()).toBe("Invalid pattern");
    expect(input().getAttribute("aria-invalid")).toBe("true");
    expect(container.querySelector(".search-error")!.textContent).toMatch(/regular expression/i);
  });

  it("keeps its place when the alignment changes under it", async () => {
    const onGoTo = vi.fn();
    await render({ alignment: doc, onGoTo, onClose: () => {} });
    await type("state");
    await key("Enter");
    expect(count()).toBe("2 of 3");
    const calls = onGoTo.mock.calls.length;
    const edited = { ...doc, beads: doc.beads.map((b) => ({ ...b })) };
    await render({ alignment: edited, onGoTo, onClose: () => {} });
    expect(count()).toBe("2 of 3");
    expect(onGoTo.mock.calls.length).toBe(calls);
    await render({ alignment: null, onGoTo, onClose: () => {} });
    expect(count()).toBe("No results");
  });
});
