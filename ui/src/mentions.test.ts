import { describe, expect, it } from "vitest";
import type { EntityView } from "./bindings/EntityView";
import type { MentionView } from "./bindings/MentionView";
import { segmentSentence } from "./links";
import {
  addedMentions,
  afterMention,
  cycleMention,
  filterEntities,
  layoutMentions,
  mentionAt,
  mentionCountText,
  mentionCounts,
  mentionPieces,
  MentionIndex,
  mentionTitle,
  suggestedMentions,
  typeForKey,
  typeIndex,
  walkOrder,
  applyMentionEdit,
} from "./mentions";
import { foldName } from "./fold";

const SCHEMA = ["person", "organisation", "place", "date", "document", "event", "money"];

let nextId = 1;
function mention(lang: "zh" | "en", start: number, end: number, over: Partial<MentionView> = {}): MentionView {
  return {
    id: nextId++,
    lang,
    textId: lang === "zh" ? 1 : 2,
    start,
    end,
    quote: "",
    prefix: "",
    suffix: "",
    typeName: "organisation",
    entityId: null,
    origin: "registry",
    status: "suggested",
    orphaned: false,
    ...over,
  };
}

const texts = (pieces: { text: string }[]) => pieces.map((p) => p.text);
const ids = (pieces: { marks: { mention: MentionView }[] }[]) => pieces.map((p) => p.marks.map((m) => m.mention.id));

describe("layoutMentions", () => {
  it("puts separate mentions on the first level", () => {
    const a = mention("zh", 0, 2);
    const b = mention("zh", 3, 5);
    expect(layoutMentions([b, a]).map((m) => [m.mention.id, m.depth])).toEqual([
      [a.id, 0],
      [b.id, 0],
    ]);
  });

  it("puts a nested mention one level below its outer one, whatever the input order", () => {
    const inner = mention("zh", 2, 4);
    const outer = mention("zh", 0, 8);
    const innermost = mention("zh", 2, 3);
    const laid = layoutMentions([innermost, inner, outer]);
    expect(laid.map((m) => [m.mention.id, m.depth])).toEqual([
      [outer.id, 0],
      [inner.id, 1],
      [innermost.id, 2],
    ]);
  });

  it("gives crossing mentions different levels and reuses a level once it is free", () => {
    const a = mention("en", 0, 5);
    const b = mention("en", 3, 9);
    const c = mention("en", 6, 8);
    const laid = new Map(layoutMentions([a, b, c]).map((m) => [m.mention.id, m.depth]));
    expect(laid.get(a.id)).toBe(0);
    expect(laid.get(b.id)).toBe(1);
    expect(laid.get(c.id)).toBe(0);
  });

  it("clamps deep nesting to the last level and skips empty spans", () => {
    const stack = [0, 1, 2, 3, 4].map((i) => mention("zh", i, 10 - i));
    const laid = layoutMentions([...stack, mention("zh", 4, 4)]);
    expect(laid.map((m) => m.depth)).toEqual([0, 1, 2, 2, 2]);
  });
});

describe("mentionPieces", () => {
  it("cuts a sentence with 𠮷 and emoji at code-point offsets, texts joining back", () => {
    // 𠮷 and 😀 take two UTF-16 units each but one code point.
    const sentence = { text: "𠮷野家😀公司在北京", start: 100, end: 110 };
    const org = mention("zh", 100, 103); // 𠮷野家
    const emojiCo = mention("zh", 103, 106); // 😀公司
    const place = mention("zh", 107, 109); // 北京
    const pieces = mentionPieces(sentence, layoutMentions([org, emojiCo, place]));
    expect(texts(pieces)).toEqual(["𠮷野家", "😀公司", "在", "北京"]);
    expect(texts(pieces).join("")).toBe(sentence.text);
    expect(ids(pieces)).toEqual([[org.id], [emojiCo.id], [], [place.id]]);
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      [100, 103],
      [103, 106],
      [106, 107],
      [107, 109],
    ]);
  });

  it("lists a piece's mentions outermost first for nested and overlapping mentions", () => {
    const sentence = { text: "中国电子科技集团😀十四所", start: 0, end: 12 };
    const outer = mention("zh", 0, 12); // the whole name
    const country = mention("zh", 0, 2); // 中国
    const crossing = mention("zh", 6, 10); // 集团😀十
    const pieces = mentionPieces(sentence, layoutMentions([crossing, country, outer]));
    expect(texts(pieces)).toEqual(["中国", "电子科技", "集团😀十", "四所"]);
    expect(ids(pieces)).toEqual([[outer.id, country.id], [outer.id], [outer.id, crossing.id], [outer.id]]);
    expect(pieces[0]!.marks.map((m) => m.depth)).toEqual([0, 1]);
  });

  it("cuts a link piece (a stretch inside a sentence) the same way, so links stay whole", () => {
    const sentence = { text: "𠮷野家公司", start: 0, end: 5 };
    const link = { start: 1, end: 5 };
    const org = mention("zh", 0, 3);
    const [before, linked] = segmentSentence(sentence, [link]);
    expect(texts([before!, linked!])).toEqual(["𠮷", "野家公司"]);
    // The linked piece cut by the mention that started before it.
    const inside = mentionPieces({ text: linked!.text, start: linked!.start, end: linked!.end }, layoutMentions([org]));
    expect(texts(inside)).toEqual(["野家", "公司"]);
    expect(ids(inside)).toEqual([[org.id], []]);
  });

  it("keeps markup-like text as characters", () => {
    const sentence = { text: "<b>x</b>&amp;", start: 0, end: 13 };
    const pieces = mentionPieces(sentence, layoutMentions([mention("en", 0, 3)]));
    expect(texts(pieces)).toEqual(["<b>", "x</b>&amp;"]);
  });
});

describe("MentionIndex and walking", () => {
  const beads = [
    { id: 10, zh: [{ id: 1, ordinal: 0, start: 0, end: 10, text: "" }], en: [{ id: 2, ordinal: 0, start: 0, end: 30, text: "" }] },
    { id: 11, zh: [{ id: 3, ordinal: 1, start: 10, end: 20, text: "" }], en: [] },
    { id: 12, zh: [], en: [{ id: 4, ordinal: 1, start: 30, end: 60, text: "" }] },
  ];
  const textIds = { zh: 1, en: 2 };

  it("sorts mentions into beads by their start, leaving rejected and foreign ones out", () => {
    const a = mention("zh", 2, 4);
    const b = mention("zh", 12, 14);
    const c = mention("en", 35, 40);
    const d = mention("en", 5, 9);
    const rejected = mention("zh", 5, 6, { status: "rejected" });
    const stale = mention("zh", 1, 2, { textId: 99 });
    const index = MentionIndex.build([c, b, a, d, rejected, stale], textIds);
    expect(index.of(beads[0]!, false)).toEqual({ zh: [a], en: [d] });
    expect(index.of(beads[1]!, false)).toEqual({ zh: [b], en: [] });
    expect(index.of(beads[2]!, false)).toEqual({ zh: [], en: [c] });
    expect(index.of(beads[0]!, true).zh).toEqual([a, rejected]);
    // The same arrays again for the same bead, so its row stays memoised.
    expect(index.of(beads[0]!, false)).toBe(index.of(beads[0]!, false));
  });

  it("after an edit, holds what an index built from the edited list holds", () => {
    const a = mention("zh", 2, 4);
    const b = mention("zh", 12, 14);
    const c = mention("en", 35, 40);
    const index = MentionIndex.build([a, b, c], textIds);
    const accepted = { ...b, status: "accepted" as const };
    const added = mention("zh", 3, 9);
    const nested = mention("zh", 2, 3);
    const edit = { updated: [accepted, added, nested], removed: [c.id] };
    const patched = index.withEdit(edit);
    const rebuilt = MentionIndex.build(applyMentionEdit([a, b, c], edit), textIds);
    for (const bead of beads) expect(patched.of(bead, true)).toEqual(rebuilt.of(bead, true));
    expect(patched.of(beads[0]!, false).zh.map((m) => m.id)).toEqual([a.id, nested.id, added.id]);
    // The index it came from is unchanged.
    expect(index.of(beads[2]!, false).en).toEqual([c]);
  });

  it("after an edit, keeps the arrays of the beads it did not touch, so only the edited rows draw again", () => {
    const a = mention("zh", 2, 4);
    const b = mention("zh", 12, 14);
    const c = mention("en", 35, 40);
    const index = MentionIndex.build([a, b, c], textIds);
    const before = beads.map((bead) => index.of(bead, false));
    // Tagging a name in the second bead touches only the second bead.
    const tagged = index.withEdit({ updated: [mention("zh", 15, 17)], removed: [] });
    const after = beads.map((bead) => tagged.of(bead, false));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.zh).toHaveLength(2);
    expect(after[2]).toBe(before[2]);
    // A mention moved from the first bead's English to the third's touches both; removing
    // one touches the bead it was in. Beads remembered two edits ago are still reused.
    const moved = tagged.withEdit({ updated: [{ ...c, start: 5, end: 9 }], removed: [a.id] });
    const last = beads.map((bead) => moved.of(bead, false));
    expect(last[0]).not.toBe(after[0]);
    expect(last[0]).toEqual({ zh: [], en: [{ ...c, start: 5, end: 9 }] });
    expect(last[1]).toBe(after[1]);
    expect(last[2]).not.toBe(after[2]);
    expect(last[2]).toEqual({ zh: [], en: [] });
    // Rejected names are remembered apart: showing them is not served from the other list.
    const rejected = moved.withEdit({ updated: [{ ...b, status: "rejected" }], removed: [] });
    expect(rejected.of(beads[1]!, false).zh).toHaveLength(1);
    expect(rejected.of(beads[1]!, true).zh).toHaveLength(2);
  });

  it("walks zh then en in reading order, wrapping both ways", () => {
    const z2 = mention("zh", 5, 6);
    const z1 = mention("zh", 1, 3);
    const e1 = mention("en", 0, 4);
    const order = walkOrder({ zh: [z2, z1], en: [e1] });
    expect(order.map((m) => m.id)).toEqual([z1.id, z2.id, e1.id]);
    expect(cycleMention(order, null, 1)).toBe(z1.id);
    expect(cycleMention(order, null, -1)).toBe(e1.id);
    expect(cycleMention(order, e1.id, 1)).toBe(z1.id);
    expect(cycleMention(order, z1.id, -1)).toBe(e1.id);
    expect(cycleMention(order, 12345, 1)).toBe(z1.id);
    expect(cycleMention([], null, 1)).toBeNull();
    expect(afterMention(order, z2.id)).toBe(e1.id);
    expect(afterMention(order, e1.id)).toBe(z2.id);
    expect(afterMention([z1], z1.id)).toBeNull();
    expect(afterMention(order, 999)).toBeNull();
  });
});

describe("mentionAt", () => {
  const outer = mention("zh", 0, 10);
  const inner = mention("zh", 2, 5);
  const other = mention("zh", 12, 16);
  const en = mention("en", 0, 10);
  const all = [outer, inner, other, en];

  it("takes the innermost mention under a caret", () => {
    expect(mentionAt(all, "zh", { start: 3, end: 3 })?.id).toBe(inner.id);
    expect(mentionAt(all, "zh", { start: 7, end: 7 })?.id).toBe(outer.id);
    expect(mentionAt(all, "zh", { start: 10, end: 10 })).toBeNull();
    expect(mentionAt(all, "en", { start: 3, end: 3 })?.id).toBe(en.id);
  });

  it("takes the innermost containing a selection, else the one overlapping it most", () => {
    expect(mentionAt(all, "zh", { start: 2, end: 5 })?.id).toBe(inner.id);
    expect(mentionAt(all, "zh", { start: 1, end: 6 })?.id).toBe(outer.id);
    expect(mentionAt(all, "zh", { start: 9, end: 15 })?.id).toBe(other.id);
    expect(mentionAt(all, "zh", { start: 10, end: 12 })).toBeNull();
  });
});

describe("keys, counts and titles", () => {
  it("maps 1–9 to the schema's types in order", () => {
    expect(typeForKey(SCHEMA, "1")).toBe("person");
    expect(typeForKey(SCHEMA, "2")).toBe("organisation");
    expect(typeForKey(SCHEMA, "7")).toBe("money");
    expect(typeForKey(SCHEMA, "8")).toBeNull();
    expect(typeForKey(SCHEMA, "0")).toBeNull();
    expect(typeForKey(SCHEMA, "a")).toBeNull();
    expect(typeForKey(SCHEMA, "12")).toBeNull();
    expect(typeIndex(SCHEMA, "place")).toBe(2);
    expect(typeIndex(SCHEMA, "unknown")).toBe(9);
  });

  it("counts, lists suggestions and titles", () => {
    const list = [
      mention("zh", 0, 1, { status: "accepted" }),
      mention("zh", 1, 2),
      mention("zh", 2, 3, { status: "rejected" }),
    ];
    expect(suggestedMentions(list)).toEqual([list[1]!.id]);
    expect(mentionCountText(mentionCounts(list))).toBe("2 names · 1 accepted");
    expect(mentionCountText(mentionCounts([]))).toBe("");
    const m = mention("zh", 0, 3, { quote: "十四所", origin: "manual", status: "accepted" });
    expect(mentionTitle(m)).toBe("十四所 · organisation · accepted (by hand)");
    expect(mentionTitle(m, { nameZh: "十四所", nameEn: null })).toBe("十四所 · organisation · accepted (by hand) · → 十四所");
  });

  it("finds the mentions an edit added", () => {
    const a = mention("zh", 0, 1);
    const b = mention("en", 0, 1);
    expect(addedMentions([a], [a, b])).toEqual([b]);
  });
});

describe("filterEntities", () => {
  function entity(id: number, typeName: string, nameZh: string | null, nameEn: string | null, aliases: string[] = []): EntityView {
    return {
      id,
      key: null,
      typeName,
      nameZh,
      nameEn,
      notes: "",
      aliases: aliases.map((text, i) => ({ id: id * 100 + i, lang: "zh", script: "simplified", text, abbreviation: false })),
      externalIds: [],
      mentionCount: 0,
    };
  }
  const institute = entity(1, "organisation", "第十四研究所", "No. 14 Research Institute", ["十四所"]);
  const taiwan = entity(2, "place", "台湾", "Taiwan", ["臺灣"]);
  const person = entity(3, "person", "单骞", "Shan Qian");
  const all = [institute, taiwan, person];

  it("matches any name, case-insensitively", () => {
    expect(filterEntities(all, "十四所").map((e) => e.id)).toEqual([1]);
    expect(filterEntities(all, "research").map((e) => e.id)).toEqual([1]);
    expect(filterEntities(all, "SHAN").map((e) => e.id)).toEqual([3]);
    expect(filterEntities(all, "nothing")).toEqual([]);
    expect(filterEntities(all, "").length).toBe(3);
  });

  it("matches full-width Latin and keeps Chinese as written", () => {
    expect(filterEntities(all, "ＴＡＩＷＡＮ").map((e) => e.id)).toEqual([2]);
    expect(foldName("  臺灣  Ｎｏ．14 ")).toBe("臺灣 no.14");
    expect(Array.from(foldName("𠮷Ａ")).length).toBe(2);
  });

  it("puts the preferred type first", () => {
    expect(filterEntities(all, "", "place")[0]?.id).toBe(2);
  });
});

describe("applyMentionEdit", () => {
  it("puts changed mentions in place, adds new ones and drops deleted ones", () => {
    const a = mention("zh", 0, 2, { id: 1 });
    const b = mention("zh", 3, 5, { id: 2 });
    const c = mention("en", 0, 4, { id: 3 });
    const accepted = { ...b, status: "accepted" as const };
    const added = mention("en", 6, 9, { id: 4 });
    const after = applyMentionEdit([a, b, c], { updated: [accepted, added], removed: [3] });
    expect(after).toEqual([a, accepted, added]);
    expect(after[0]).toBe(a);
  });

  it("leaves the list as it was for an edit that changed nothing", () => {
    const a = mention("zh", 0, 2, { id: 1 });
    expect(applyMentionEdit([a], { updated: [], removed: [] })).toEqual([a]);
  });
});
