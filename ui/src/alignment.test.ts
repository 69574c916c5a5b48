import { describe, expect, it } from "vitest";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";
import {
  type Action,
  COMMANDS,
  applyPatch,
  jumpTarget,
  sentencesToJoin,
  chordText,
  commandKeys,
  commandOf,
  confidenceBucket,
  confidenceLabel,
  confidencePercent,
  keyAction,
  moveSelection,
  reselect,
  splitCounts,
  summarize,
  summaryText,
} from "./alignment";

describe("keyAction", () => {
  it("selects with the arrows and j/k, jumps with Home/End and the page keys", () => {
    expect(keyAction({ key: "ArrowDown" })).toEqual({ kind: "select", delta: 1 });
    expect(keyAction({ key: "j" })).toEqual({ kind: "select", delta: 1 });
    expect(keyAction({ key: "ArrowUp" })).toEqual({ kind: "select", delta: -1 });
    expect(keyAction({ key: "k" })).toEqual({ kind: "select", delta: -1 });
    expect(keyAction({ key: "PageDown" })).toEqual({ kind: "select", delta: 10 });
    expect(keyAction({ key: "Home" })).toEqual({ kind: "selectEdge", edge: "first" });
    expect(keyAction({ key: "End" })).toEqual({ kind: "selectEdge", edge: "last" });
  });

  it("maps the editing keys", () => {
    expect(keyAction({ key: "Enter" })).toEqual({ kind: "confirm" });
    expect(keyAction({ key: "m" })).toEqual({ kind: "merge" });
    expect(keyAction({ key: "s" })).toEqual({ kind: "split" });
    expect(keyAction({ key: "r" })).toEqual({ kind: "realign" });
  });

  it("maps the span-link keys", () => {
    expect(keyAction({ key: "." })).toEqual({ kind: "cycleLink", delta: 1 });
    expect(keyAction({ key: "," })).toEqual({ kind: "cycleLink", delta: -1 });
    expect(keyAction({ key: "a" })).toEqual({ kind: "acceptLink" });
    expect(keyAction({ key: "A", shiftKey: true })).toEqual({ kind: "acceptAllLinks" });
    expect(keyAction({ key: "x" })).toEqual({ kind: "removeLink" });
    expect(keyAction({ key: "Delete" })).toEqual({ kind: "removeLink" });
    expect(keyAction({ key: "l" })).toEqual({ kind: "linkSelection" });
    expect(keyAction({ key: "Escape" })).toEqual({ kind: "clearSelection" });
    // Ctrl+A stays the browser's select-all, Alt+. the browser's too.
    expect(keyAction({ key: "a", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: ".", altKey: true })).toBeNull();
  });

  it("moves zh sentences with [ and ], en sentences with Shift", () => {
    expect(keyAction({ key: "[" })).toEqual({ kind: "move", lang: "zh", direction: "previous" });
    expect(keyAction({ key: "]" })).toEqual({ kind: "move", lang: "zh", direction: "next" });
    // US layouts report Shift+[ as "{"; others keep "[" with shiftKey.
    expect(keyAction({ key: "{", shiftKey: true })).toEqual({ kind: "move", lang: "en", direction: "previous" });
    expect(keyAction({ key: "}", shiftKey: true })).toEqual({ kind: "move", lang: "en", direction: "next" });
    expect(keyAction({ key: "[", shiftKey: true })).toEqual({ kind: "move", lang: "en", direction: "previous" });
    expect(keyAction({ key: "]", shiftKey: true })).toEqual({ kind: "move", lang: "en", direction: "next" });
  });

  it("undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y (⌘ too)", () => {
    expect(keyAction({ key: "z", ctrlKey: true })).toEqual({ kind: "undo" });
    expect(keyAction({ key: "Z", ctrlKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(keyAction({ key: "y", ctrlKey: true })).toEqual({ kind: "redo" });
    expect(keyAction({ key: "z", metaKey: true })).toEqual({ kind: "undo" });
  });

  it("leaves other keys and modified letters to the browser", () => {
    expect(keyAction({ key: "q" })).toBeNull();
    expect(keyAction({ key: "x", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "m", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "r", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "c", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "z", altKey: true, ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "Enter", shiftKey: true })).toBeNull();
    expect(keyAction({ key: "F1" })).toBeNull();
    expect(keyAction({ key: "0" })).toBeNull();
    expect(keyAction({ key: "0", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "e", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "Tab", altKey: true })).toBeNull();
  });

  it("maps the mention keys without taking any key of the alignment or the links", () => {
    expect(keyAction({ key: "1" })).toEqual({ kind: "tagMention", key: "1" });
    expect(keyAction({ key: "9" })).toEqual({ kind: "tagMention", key: "9" });
    expect(keyAction({ key: "Tab" })).toEqual({ kind: "cycleMention", delta: 1 });
    expect(keyAction({ key: "Tab", shiftKey: true })).toEqual({ kind: "cycleMention", delta: -1 });
    expect(keyAction({ key: "y" })).toEqual({ kind: "acceptMention" });
    expect(keyAction({ key: "Y", shiftKey: true })).toEqual({ kind: "acceptAllMentions" });
    expect(keyAction({ key: "n" })).toEqual({ kind: "rejectMention" });
    expect(keyAction({ key: "p" })).toEqual({ kind: "projectMention" });
    expect(keyAction({ key: "e" })).toEqual({ kind: "linkEntity" });
    expect(keyAction({ key: "D", shiftKey: true })).toEqual({ kind: "deleteMention" });
    expect(keyAction({ key: "H", shiftKey: true })).toEqual({ kind: "toggleRejected" });
    // Ctrl+Y is still redo.
    expect(keyAction({ key: "y", ctrlKey: true })).toEqual({ kind: "redo" });
    // Every earlier key keeps its action.
    for (const key of ["j", "k", "m", "s", "r", "a", "A", "x", "l", ".", ","]) {
      expect(keyAction({ key })?.kind).not.toMatch(/Mention|Entity|Rejected/);
    }
  });
});

describe("the command table", () => {
  it("maps the window's keys: find, palette, sheet, side tabs, theme", () => {
    expect(keyAction({ key: "f", ctrlKey: true })).toEqual({ kind: "search" });
    expect(keyAction({ key: "F", ctrlKey: true })).toEqual({ kind: "search" });
    expect(keyAction({ key: "k", ctrlKey: true })).toEqual({ kind: "palette" });
    expect(keyAction({ key: "k", metaKey: true })).toEqual({ kind: "palette" });
    expect(keyAction({ key: "?", shiftKey: true })).toEqual({ kind: "shortcuts" });
    expect(keyAction({ key: "?" })).toEqual({ kind: "shortcuts" });
    expect(keyAction({ key: "1", ctrlKey: true })).toEqual({ kind: "sideTab", tab: "entities" });
    expect(keyAction({ key: "2", ctrlKey: true })).toEqual({ kind: "sideTab", tab: "claims" });
    expect(keyAction({ key: "3", ctrlKey: true })).toEqual({ kind: "sideTab", tab: "history" });
    expect(keyAction({ key: "L", ctrlKey: true, shiftKey: true })).toEqual({ kind: "toggleTheme" });
    // Ctrl+Shift+F and Ctrl+Shift+K are not ours; plain k still selects.
    expect(keyAction({ key: "F", ctrlKey: true, shiftKey: true })).toBeNull();
    expect(keyAction({ key: "k" })).toEqual({ kind: "select", delta: -1 });
  });

  it("has unique ids and never gives one key press two commands", () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const seen = new Map<string, string>();
    for (const command of COMMANDS) {
      for (const chord of command.chords) {
        const shifts = chord.shift === undefined ? [false, true] : [chord.shift];
        for (const shift of shifts) {
          const press = `${chord.ctrl ? "ctrl+" : ""}${shift ? "shift+" : ""}${chord.ctrl ? chord.key.toLowerCase() : chord.key}`;
          expect(seen.get(press), `${press} of ${command.id}`).toBeUndefined();
          seen.set(press, command.id);
        }
      }
    }
  });

  it("sends every chord of every command to that command's action", () => {
    for (const command of COMMANDS) {
      expect(command.chords.length, command.id).toBeGreaterThan(0);
      for (const chord of command.chords) {
        const press = { key: chord.key, ctrlKey: chord.ctrl ?? false, shiftKey: chord.shift ?? false };
        expect(keyAction(press), `${command.id} ${chordText(chord)}`).toEqual(chord.action ?? command.action);
      }
    }
  });

  it("has a command for every kind of action", () => {
    const kinds: Action["kind"][] = [
      "select", "selectEdge", "confirm", "merge", "split", "move", "realign", "cycleLink", "acceptLink",
      "acceptAllLinks", "removeLink", "linkSelection", "clearSelection", "tagMention", "cycleMention",
      "acceptMention", "rejectMention", "acceptAllMentions", "projectMention", "linkEntity", "deleteMention",
      "toggleRejected", "undo", "redo", "search", "palette", "shortcuts", "toggleTheme", "sideTab",
    ];
    for (const kind of kinds) expect(COMMANDS.some((c) => c.action.kind === kind), kind).toBe(true);
    expect(commandOf({ kind: "move", lang: "en", direction: "next" })?.id).toBe("move-en-next");
    expect(commandOf({ kind: "tagMention", key: "7" })?.id).toBe("tag-mention");
  });

  it("shows keys as people read them", () => {
    const keys = (id: string) => commandKeys(COMMANDS.find((c) => c.id === id)!);
    expect(keys("select-next")).toBe("↓ / j");
    expect(keys("confirm")).toBe("Enter");
    expect(keys("move-en-previous")).toBe("Shift+[");
    expect(keys("accept-all-links")).toBe("Shift+A");
    expect(keys("remove-link")).toBe("x / Delete");
    expect(keys("clear-selection")).toBe("Esc");
    expect(keys("tag-mention")).toBe("1–9");
    expect(keys("undo")).toBe("Ctrl+Z");
    expect(keys("redo")).toBe("Ctrl+Shift+Z / Ctrl+Y");
    expect(keys("palette")).toBe("Ctrl+K");
    expect(keys("shortcuts")).toBe("?");
    expect(keys("toggle-theme")).toBe("Ctrl+Shift+L");
  });
});

describe("confidence", () => {
  it("buckets below 50% as low, below 80% as mid, the rest as high", () => {
    expect(confidenceBucket(0)).toBe("low");
    expect(confidenceBucket(0.499)).toBe("low");
    expect(confidenceBucket(0.5)).toBe("mid");
    expect(confidenceBucket(0.799)).toBe("mid");
    expect(confidenceBucket(0.8)).toBe("high");
    expect(confidenceBucket(1)).toBe("high");
    expect(confidenceBucket(Number.NaN)).toBe("low");
  });

  it("shows whole, clamped percentages with an accessible label", () => {
    expect(confidencePercent(0.4299)).toBe(42);
    expect(confidencePercent(1.2)).toBe(100);
    expect(confidencePercent(-0.1)).toBe(0);
    expect(confidencePercent(Number.NaN)).toBe(0);
    expect(confidenceLabel(0.42)).toBe("confidence 42%, low");
    expect(confidenceLabel(0.65)).toBe("confidence 65%, medium");
    expect(confidenceLabel(0.97)).toBe("confidence 97%, high");
  });

  // A bead just under 50% must not show as "50%" in the low colour: the number rounds
  // down, so it always agrees with the bucket.
  it("rounds down so the number agrees with the bucket", () => {
    expect(confidencePercent(0.497)).toBe(49);
    expect(confidenceBucket(0.497)).toBe("low");
    expect(confidencePercent(0.5)).toBe(50);
    expect(confidencePercent(0.29)).toBe(29);
    expect(confidencePercent(0.57)).toBe(57);
    expect(confidencePercent(0.7999)).toBe(79);
    expect(confidenceBucket(0.7999)).toBe("mid");
  });
});

const sentences = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

describe("splitCounts", () => {
  it("splits after the first sentence of each side that has several", () => {
    expect(splitCounts({ zh: sentences(2), en: sentences(2) } as never)).toEqual({ zhCount: 1, enCount: 1 });
    expect(splitCounts({ zh: sentences(3), en: sentences(1) } as never)).toEqual({ zhCount: 1, enCount: 1 });
    expect(splitCounts({ zh: sentences(0), en: sentences(2) } as never)).toEqual({ zhCount: 0, enCount: 1 });
    expect(splitCounts({ zh: sentences(2), en: sentences(0) } as never)).toEqual({ zhCount: 1, enCount: 0 });
  });

  it("has nothing to split in a bead of at most one sentence a side", () => {
    expect(splitCounts({ zh: sentences(1), en: sentences(1) } as never)).toBeNull();
    expect(splitCounts({ zh: sentences(1), en: sentences(0) } as never)).toBeNull();
  });
});

describe("summary", () => {
  it("counts beads, confirmed beads and beads below 50%", () => {
    const summary = summarize([
      { confidence: 0.9, status: "confirmed" },
      { confidence: 0.3, status: "unconfirmed" },
      { confidence: 0.49, status: "confirmed" },
      { confidence: 0.5, status: "unconfirmed" },
    ]);
    expect(summary).toEqual({ beads: 4, confirmed: 2, low: 2 });
    expect(summaryText(summary)).toBe("4 beads · 2 confirmed · 2 below 50% confidence");
    expect(summaryText({ beads: 1, confirmed: 0, low: 0 })).toBe("1 bead · 0 confirmed · 0 below 50% confidence");
  });
});

describe("selection", () => {
  it("stays inside the list", () => {
    expect(moveSelection(0, -1, 5)).toBe(0);
    expect(moveSelection(4, 1, 5)).toBe(4);
    expect(moveSelection(2, 10, 5)).toBe(4);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });

  it("follows the same bead after an edit, else keeps the place", () => {
    const beads = [{ id: 10 }, { id: 12 }, { id: 13 }];
    expect(reselect(beads, 12, 0)).toBe(1);
    // Bead 11 was merged away: stay at its place.
    expect(reselect(beads, 11, 1)).toBe(1);
    expect(reselect(beads, 99, 7)).toBe(2);
    expect(reselect(beads, null, 0)).toBe(0);
    expect(reselect([], 10, 0)).toBe(-1);
  });
});

describe("applyPatch", () => {
  // Beads of one zh and one en sentence each; sentence ordinals follow the positions.
  const bead = (position: number, zh = 1, en = 1, zhFrom = position, enFrom = position): BeadView => ({
    id: 100 + position,
    position,
    zh: Array.from({ length: zh }, (_, i) => ({ id: 1000 + zhFrom + i, ordinal: zhFrom + i, start: 0, end: 1, paragraph: 0, text: "句" })),
    en: Array.from({ length: en }, (_, i) => ({ id: 2000 + enFrom + i, ordinal: enFrom + i, start: 0, end: 1, paragraph: 0, text: "S" })),
    confidence: 0.5,
    origin: "auto",
    status: "unconfirmed",
    links: [],
  });
  const view = (count: number): AlignmentView => ({
    id: 7,
    documentId: 1,
    zhTextId: 1,
    enTextId: 2,
    beads: Array.from({ length: count }, (_, i) => bead(i)),
  });

  it("replaces a confirmed bead and keeps every other row's object", () => {
    const before = view(5);
    const confirmed: BeadView = { ...before.beads[2]!, status: "confirmed" };
    const after = applyPatch(before, { id: 7, documentId: 1, start: 2, removed: 1, beads: [confirmed], total: 5 })!;
    expect(after.beads[2]).toBe(confirmed);
    expect(after.beads.filter((b, i) => b === before.beads[i])).toHaveLength(4);
  });

  it("renumbers the beads after a merge", () => {
    const before = view(5);
    const merged = { ...bead(1, 2, 2), id: 101 };
    const after = applyPatch(before, { id: 7, documentId: 1, start: 1, removed: 2, beads: [merged], total: 4 })!;
    expect(after.beads.map((b) => b.id)).toEqual([100, 101, 103, 104]);
    expect(after.beads.map((b) => b.position)).toEqual([0, 1, 2, 3]);
    // The sentences did not change, so neither did their numbers.
    expect(after.beads[2]!.zh[0]!.ordinal).toBe(3);
  });

  it("moves later sentence numbers when a sentence is split", () => {
    const before = view(4);
    const split = { ...bead(1, 2, 1), id: 101 };
    const after = applyPatch(before, { id: 7, documentId: 1, start: 1, removed: 1, beads: [split], total: 4 })!;
    expect(after.beads[2]!.zh[0]!.ordinal).toBe(3);
    expect(after.beads[2]!.en[0]!.ordinal).toBe(2);
    expect(after.beads[0]).toBe(before.beads[0]);
  });

  it("refuses a patch that does not fit, so the window reads the alignment again", () => {
    const before = view(3);
    expect(applyPatch(before, { id: 7, documentId: 1, start: 2, removed: 2, beads: [], total: 1 })).toBeNull();
    expect(applyPatch(before, { id: 7, documentId: 1, start: 0, removed: 1, beads: [bead(0)], total: 4 })).toBeNull();
    expect(applyPatch(before, { id: 8, documentId: 1, start: 0, removed: 1, beads: [bead(0)], total: 3 })).toBeNull();
  });
});

describe("jumpTarget", () => {
  const beads = [
    { id: 1, status: "confirmed" as const, confidence: 0.2 },
    { id: 2, status: "unconfirmed" as const, confidence: 0.9 },
    { id: 3, status: "unconfirmed" as const, confidence: 0.3 },
    { id: 4, status: "confirmed" as const, confidence: 0.95 },
  ];

  it("finds the next unconfirmed bead, wrapping around the document", () => {
    expect(jumpTarget(beads, 0, "unconfirmed", 1)).toBe(1);
    expect(jumpTarget(beads, 2, "unconfirmed", 1)).toBe(1);
    expect(jumpTarget(beads, 1, "unconfirmed", -1)).toBe(2);
  });

  it("skips confirmed beads when looking for low confidence", () => {
    expect(jumpTarget(beads, 3, "lowConfidence", 1)).toBe(2);
    expect(jumpTarget(beads, 2, "lowConfidence", 1)).toBe(2);
    expect(jumpTarget([beads[0]!, beads[3]!], 0, "lowConfidence", 1)).toBeNull();
  });

  it("finds the next bead with a one-sided name", () => {
    const ids = [
      { id: 1, status: "confirmed" as const, confidence: 1 },
      { id: 2, status: "unconfirmed" as const, confidence: 1 },
      { id: 3, status: "confirmed" as const, confidence: 1 },
    ];
    expect(jumpTarget(ids, 0, "oneSided", 1, new Set([3]))).toBe(2);
    expect(jumpTarget(ids, 2, "oneSided", 1, new Set([3]))).toBe(2);
    expect(jumpTarget(ids, 0, "oneSided", 1, new Set())).toBeNull();
    expect(keyAction({ key: "o" })).toEqual({ kind: "jump", to: "oneSided", delta: 1 });
    expect(keyAction({ key: "O", shiftKey: true })).toEqual({ kind: "toggleOneSided" });
  });

  it("is keyed u/U and g/G", () => {
    expect(keyAction({ key: "u" })).toEqual({ kind: "jump", to: "unconfirmed", delta: 1 });
    expect(keyAction({ key: "U", shiftKey: true })).toEqual({ kind: "jump", to: "unconfirmed", delta: -1 });
    expect(keyAction({ key: "g" })).toEqual({ kind: "jump", to: "lowConfidence", delta: 1 });
    expect(keyAction({ key: "b" })).toEqual({ kind: "splitSentence" });
    expect(keyAction({ key: "J", shiftKey: true })).toEqual({ kind: "mergeSentences" });
  });
});

describe("sentencesToJoin", () => {
  const s = (id: number) => ({ id, ordinal: id, start: 0, end: 1, paragraph: 0, text: "x" });
  const bead = { zh: [s(1), s(2)], en: [s(11)] };

  it("joins the caret's sentence with the next of its language", () => {
    expect(sentencesToJoin(bead, { lang: "zh", sentenceId: 1 })).toEqual({ lang: "zh", sentenceId: 1 });
  });

  it("refuses the bead's last sentence of a language", () => {
    expect(sentencesToJoin(bead, { lang: "zh", sentenceId: 2 })).toHaveProperty("refused");
  });

  it("without a caret, joins the first two Chinese sentences, else the English ones", () => {
    expect(sentencesToJoin(bead, null)).toEqual({ lang: "zh", sentenceId: 1 });
    expect(sentencesToJoin({ zh: [s(1)], en: [s(11), s(12)] }, null)).toEqual({ lang: "en", sentenceId: 11 });
    expect(sentencesToJoin({ zh: [s(1)], en: [s(11)] }, null)).toHaveProperty("refused");
  });
});
