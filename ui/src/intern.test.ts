import { describe, expect, it } from "vitest";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { MentionView } from "./bindings/MentionView";
import { StringPool, shareAlignment, shareMentions } from "./intern";

// Strings made at run time, as JSON.parse makes them: distinct objects with equal contents.
const fresh = (text: string) => JSON.parse(JSON.stringify(text)) as string;

function alignment(): AlignmentView {
  const link = (id: number) => ({
    id,
    zhStart: id,
    zhEnd: id + 1,
    enStart: id,
    enEnd: id + 2,
    origin: fresh("auto") as "auto",
    status: fresh("suggested") as "suggested",
    reason: id % 2 ? fresh("dictionary") : null,
  });
  return {
    id: 1,
    documentId: 1,
    zhTextId: 1,
    enTextId: 2,
    beads: [0, 1].map((position) => ({
      id: position + 10,
      position,
      zh: [{ id: position, ordinal: position, start: 0, end: 2, text: "你好" }],
      en: [{ id: position + 5, ordinal: position, start: 0, end: 5, text: "Hello" }],
      confidence: 0.5,
      origin: fresh("auto") as "auto",
      status: fresh("unconfirmed") as "unconfirmed",
      links: [link(position * 2), link(position * 2 + 1)],
    })),
  };
}

describe("StringPool", () => {
  it("hands back the first copy of each value", () => {
    const pool = new StringPool();
    const first = fresh("accepted");
    expect(pool.share(first)).toBe(first);
    expect(pool.share(fresh("accepted"))).toBe(first);
    expect(pool.share(fresh("suggested"))).toBe("suggested");
    expect(pool.size).toBe(2);
  });
});

describe("shareAlignment", () => {
  it("keeps every value and leaves as many distinct strings as distinct values", () => {
    const view = alignment();
    const before = JSON.stringify(view);
    const pool = new StringPool();
    expect(shareAlignment(view, pool)).toBe(view);
    expect(JSON.stringify(view)).toBe(before);
    // auto, unconfirmed, suggested, dictionary: nothing else is an enum-like field.
    expect(pool.size).toBe(4);
    expect(shareAlignment(null)).toBeNull();
  });
});

describe("shareMentions", () => {
  it("shares language, type, origin and status, and keeps the quotes", () => {
    const mention = (id: number, quote: string): MentionView => ({
      id,
      lang: fresh("zh") as "zh",
      textId: 1,
      start: id,
      end: id + quote.length,
      quote,
      prefix: "",
      suffix: "",
      typeName: fresh("ORG"),
      entityId: null,
      origin: fresh("suggested") as MentionView["origin"],
      status: fresh("accepted") as MentionView["status"],
      orphaned: false,
    });
    const mentions = [mention(1, "外交部"), mention(9, "公安部")];
    const before = JSON.stringify(mentions);
    const pool = new StringPool();
    shareMentions(mentions, pool);
    expect(JSON.stringify(mentions)).toBe(before);
    expect(pool.size).toBe(4);
  });
});
