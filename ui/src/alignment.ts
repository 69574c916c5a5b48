/**
 * The pure logic of the alignment editor, kept apart from React so it is unit-tested:
 * which key does what, how a confidence is bucketed and shown, where `s` splits a bead,
 * and the summary line's counts.
 */
import type { BeadView } from "./bindings/BeadView";

export type Lang = "zh" | "en";
export type MoveDirection = "previous" | "next";

/** Everything the keyboard (and the toolbar) can ask the editor to do. */
export type Action =
  | { kind: "select"; delta: number }
  | { kind: "selectEdge"; edge: "first" | "last" }
  | { kind: "confirm" }
  | { kind: "merge" }
  | { kind: "split" }
  | { kind: "move"; lang: Lang; direction: MoveDirection }
  | { kind: "realign" }
  | { kind: "cycleLink"; delta: 1 | -1 }
  | { kind: "acceptLink" }
  | { kind: "acceptAllLinks" }
  | { kind: "removeLink" }
  | { kind: "linkSelection" }
  | { kind: "clearSelection" }
  | { kind: "tagMention"; key: string }
  | { kind: "cycleMention"; delta: 1 | -1 }
  | { kind: "acceptMention" }
  | { kind: "rejectMention" }
  | { kind: "acceptAllMentions" }
  | { kind: "projectMention" }
  | { kind: "linkEntity" }
  | { kind: "deleteMention" }
  | { kind: "toggleRejected" }
  | { kind: "undo" }
  | { kind: "redo" };

/** The parts of a KeyboardEvent the mapping looks at. */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** How many rows PageUp/PageDown move. */
export const PAGE = 10;

/**
 * The action of a key press, or null if the editor ignores it (so the browser keeps it).
 *
 * ↑/↓ and k/j select, Home/End and PageUp/PageDown jump; Enter toggles confirmation; m
 * merges the selected bead with the next; s splits it ({@link splitCounts}); [ and ] move
 * its first zh sentence to the previous bead and its last zh sentence to the next bead,
 * with Shift ({ and } on most layouts) the en sentence; r realigns the unconfirmed beads;
 * Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS).
 *
 * Span links of the selected bead: . and , walk its links, a accepts the current one, A
 * (Shift+a) accepts all its suggested links, x or Delete removes the current one, l links
 * the pending zh and en text selections, Escape drops them.
 *
 * Mentions (names of entities): 1–9 tag the text selected in one side of a bead with the
 * schema's entity type of that number (with nothing selected, they retype the current
 * mention); Tab and Shift+Tab walk the selected bead's mentions, y accepts the current one,
 * n rejects it, Y (Shift+y) accepts all the bead's suggestions, p projects it to the other
 * side, e links it to an entity, D (Shift+d) deletes it, H (Shift+h) shows or hides the
 * rejected ones.
 */
export function keyAction(press: KeyPress): Action | null {
  const { key, shiftKey = false, altKey = false } = press;
  const command = press.ctrlKey === true || press.metaKey === true;
  if (altKey) return null;
  if (command) {
    const lower = key.toLowerCase();
    if (lower === "z") return shiftKey ? { kind: "redo" } : { kind: "undo" };
    if (lower === "y" && !shiftKey) return { kind: "redo" };
    return null;
  }
  switch (key) {
    case "ArrowDown":
    case "j":
      return { kind: "select", delta: 1 };
    case "ArrowUp":
    case "k":
      return { kind: "select", delta: -1 };
    case "PageDown":
      return { kind: "select", delta: PAGE };
    case "PageUp":
      return { kind: "select", delta: -PAGE };
    case "Home":
      return { kind: "selectEdge", edge: "first" };
    case "End":
      return { kind: "selectEdge", edge: "last" };
    case "Enter":
      return shiftKey ? null : { kind: "confirm" };
    case "m":
      return { kind: "merge" };
    case "s":
      return { kind: "split" };
    case "r":
      return { kind: "realign" };
    case "[":
      return { kind: "move", lang: shiftKey ? "en" : "zh", direction: "previous" };
    case "]":
      return { kind: "move", lang: shiftKey ? "en" : "zh", direction: "next" };
    case "{":
      return { kind: "move", lang: "en", direction: "previous" };
    case "}":
      return { kind: "move", lang: "en", direction: "next" };
    case ".":
      return { kind: "cycleLink", delta: 1 };
    case ",":
      return { kind: "cycleLink", delta: -1 };
    case "a":
      return { kind: "acceptLink" };
    case "A":
      return { kind: "acceptAllLinks" };
    case "x":
    case "Delete":
      return { kind: "removeLink" };
    case "l":
      return { kind: "linkSelection" };
    case "Escape":
      return { kind: "clearSelection" };
    case "1":
    case "2":
    case "3":
    case "4":
    case "5":
    case "6":
    case "7":
    case "8":
    case "9":
      return { kind: "tagMention", key };
    case "Tab":
      return { kind: "cycleMention", delta: shiftKey ? -1 : 1 };
    case "y":
      return { kind: "acceptMention" };
    case "Y":
      return { kind: "acceptAllMentions" };
    case "n":
      return { kind: "rejectMention" };
    case "p":
      return { kind: "projectMention" };
    case "e":
      return { kind: "linkEntity" };
    case "D":
      return { kind: "deleteMention" };
    case "H":
      return { kind: "toggleRejected" };
    default:
      return null;
  }
}

export type ConfidenceBucket = "low" | "mid" | "high";

/** Below 50 % is low, below 80 % mid, the rest high. */
export function confidenceBucket(confidence: number): ConfidenceBucket {
  if (!(confidence >= 0.5)) return "low";
  return confidence < 0.8 ? "mid" : "high";
}

/**
 * A confidence as a whole percentage, clamped to 0–100. Rounded down, so the number agrees
 * with the bucket: 49.7% shows as 49%, low, never as a red "50%".
 */
export function confidencePercent(confidence: number): number {
  if (!Number.isFinite(confidence)) return 0;
  // The epsilon keeps 0.29 (28.999… after the multiplication) at 29%.
  return Math.min(100, Math.max(0, Math.floor(confidence * 100 + 1e-9)));
}

const BUCKET_WORDS: Record<ConfidenceBucket, string> = { low: "low", mid: "medium", high: "high" };

/** What a screen reader says for a confidence, e.g. "confidence 42%, low". */
export function confidenceLabel(confidence: number): string {
  return `confidence ${confidencePercent(confidence)}%, ${BUCKET_WORDS[confidenceBucket(confidence)]}`;
}

/**
 * Where `s` splits a bead: after the first sentence of each side that has more than one,
 * so a 2:2 bead becomes 1:1 + 1:1, a 3:1 bead 1:1 + 2:0 and a 0:2 bead 0:1 + 0:1. Null
 * when no side has more than one sentence (there is nothing to split).
 */
export function splitCounts(bead: Pick<BeadView, "zh" | "en">): { zhCount: number; enCount: number } | null {
  const zh = bead.zh.length;
  const en = bead.en.length;
  if (zh <= 1 && en <= 1) return null;
  return { zhCount: Math.min(zh, 1), enCount: Math.min(en, 1) };
}

export interface Summary {
  beads: number;
  confirmed: number;
  low: number;
}

/** The counts of the summary line. */
export function summarize(beads: readonly Pick<BeadView, "confidence" | "status">[]): Summary {
  let confirmed = 0;
  let low = 0;
  for (const bead of beads) {
    if (bead.status === "confirmed") confirmed += 1;
    if (confidenceBucket(bead.confidence) === "low") low += 1;
  }
  return { beads: beads.length, confirmed, low };
}

/** The summary line, e.g. "81 beads · 3 confirmed · 7 below 50% confidence". */
export function summaryText(summary: Summary): string {
  const beads = summary.beads === 1 ? "1 bead" : `${summary.beads} beads`;
  return `${beads} · ${summary.confirmed} confirmed · ${summary.low} below 50% confidence`;
}

/**
 * The row to select after the beads changed: the same bead if it still exists, else the
 * row at the same place (clamped), else none.
 */
export function reselect(
  beads: readonly Pick<BeadView, "id">[],
  previousId: number | null,
  previousIndex: number,
): number {
  if (beads.length === 0) return -1;
  if (previousId !== null) {
    const index = beads.findIndex((bead) => bead.id === previousId);
    if (index >= 0) return index;
  }
  return Math.min(Math.max(previousIndex, 0), beads.length - 1);
}

/** Moves a selection by `delta` rows, staying inside 0…count-1. */
export function moveSelection(index: number, delta: number, count: number): number {
  if (count === 0) return -1;
  return Math.min(Math.max(index + delta, 0), count - 1);
}
