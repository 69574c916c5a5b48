/**
 * The pure logic of the alignment editor, kept apart from React so it is unit-tested:
 * which key does what, how a confidence is bucketed and shown, where `s` splits a bead,
 * and the summary line's counts.
 */
import type { AlignmentPatch } from "./bindings/AlignmentPatch";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";

export type Lang = "zh" | "en";
export type MoveDirection = "previous" | "next";
/** What the jump keys look for: a bead nobody confirmed yet, or one the aligner was unsure of. */
export type JumpTarget = "unconfirmed" | "lowConfidence" | "oneSided";

/** The side panel's tabs. */
export type SideTab = "entities" | "claims" | "history" | "selection";

/** Everything the keyboard, the toolbar and the command palette can ask the window to do. */
export type Action =
  | { kind: "select"; delta: number }
  | { kind: "selectEdge"; edge: "first" | "last" }
  | { kind: "jump"; to: JumpTarget; delta: 1 | -1 }
  | { kind: "confirm" }
  | { kind: "merge" }
  | { kind: "split" }
  | { kind: "move"; lang: Lang; direction: MoveDirection }
  | { kind: "splitSentence" }
  | { kind: "mergeSentences" }
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
  | { kind: "toggleOneSided" }
  | { kind: "undo" }
  | { kind: "redo" }
  // The window's own (App), not the alignment editor's.
  | { kind: "search" }
  | { kind: "palette" }
  | { kind: "shortcuts" }
  | { kind: "toggleTheme" }
  | { kind: "sideTab"; tab: SideTab };

/** The actions the window (App) performs itself; every other one is the alignment editor's. */
export function isWindowAction(action: Action): boolean {
  return (
    action.kind === "palette" || action.kind === "shortcuts" || action.kind === "toggleTheme" || action.kind === "sideTab"
  );
}

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
 * One key of a command. `key` is KeyboardEvent.key (compared without case when `ctrl`);
 * `ctrl` means Ctrl or ⌘; `shift` undefined accepts either (a letter's case already says
 * it). `action` overrides the command's (1–9 each tag with their own type). A `hidden` key
 * works but is not shown (a layout's alternative, such as `{` for Shift+[).
 */
export interface Chord {
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  action?: Action;
  hidden?: boolean;
}

export type CommandGroup = "Move around" | "Beads and sentences" | "Span links" | "Names" | "History" | "Window";

/**
 * One action of the window: what the keyboard, the command palette and the shortcut sheet
 * all read, so they can never disagree.
 */
export interface Command {
  id: string;
  label: string;
  group: CommandGroup;
  action: Action;
  chords: Chord[];
  /** How the keys are shown when the chords alone would say it badly ("1–9"). */
  keys?: string;
}

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/**
 * Every command of the window, in the order the palette and the sheet list them.
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
 *
 * The window: Ctrl+F finds in both languages, Ctrl+K opens the command palette, ? the
 * shortcut sheet, Ctrl+1/2/3 show the entities, claims or history, Ctrl+Shift+L switches
 * between the light and the dark theme.
 */
export const COMMANDS: readonly Command[] = [
  { id: "select-next", label: "Next bead", group: "Move around", action: { kind: "select", delta: 1 }, chords: [{ key: "ArrowDown" }, { key: "j" }] },
  { id: "select-previous", label: "Previous bead", group: "Move around", action: { kind: "select", delta: -1 }, chords: [{ key: "ArrowUp" }, { key: "k" }] },
  { id: "page-down", label: `${PAGE} beads down`, group: "Move around", action: { kind: "select", delta: PAGE }, chords: [{ key: "PageDown" }] },
  { id: "page-up", label: `${PAGE} beads up`, group: "Move around", action: { kind: "select", delta: -PAGE }, chords: [{ key: "PageUp" }] },
  { id: "select-first", label: "First bead", group: "Move around", action: { kind: "selectEdge", edge: "first" }, chords: [{ key: "Home" }] },
  { id: "select-last", label: "Last bead", group: "Move around", action: { kind: "selectEdge", edge: "last" }, chords: [{ key: "End" }] },
  { id: "next-unconfirmed", label: "Next unconfirmed bead", group: "Move around", action: { kind: "jump", to: "unconfirmed", delta: 1 }, chords: [{ key: "u" }] },
  { id: "previous-unconfirmed", label: "Previous unconfirmed bead", group: "Move around", action: { kind: "jump", to: "unconfirmed", delta: -1 }, chords: [{ key: "U" }] },
  { id: "next-low-confidence", label: "Next low-confidence bead (under 50%, not confirmed)", group: "Move around", action: { kind: "jump", to: "lowConfidence", delta: 1 }, chords: [{ key: "g" }] },
  { id: "previous-low-confidence", label: "Previous low-confidence bead", group: "Move around", action: { kind: "jump", to: "lowConfidence", delta: -1 }, chords: [{ key: "G" }] },
  { id: "confirm", label: "Confirm bead", group: "Beads and sentences", action: { kind: "confirm" }, chords: [{ key: "Enter", shift: false }] },
  { id: "merge", label: "Merge with the next bead", group: "Beads and sentences", action: { kind: "merge" }, chords: [{ key: "m" }] },
  { id: "split", label: "Split bead after its first sentences", group: "Beads and sentences", action: { kind: "split" }, chords: [{ key: "s" }] },
  { id: "move-zh-previous", label: "Move the first Chinese sentence to the previous bead", group: "Beads and sentences", action: { kind: "move", lang: "zh", direction: "previous" }, chords: [{ key: "[", shift: false }] },
  { id: "move-zh-next", label: "Move the last Chinese sentence to the next bead", group: "Beads and sentences", action: { kind: "move", lang: "zh", direction: "next" }, chords: [{ key: "]", shift: false }] },
  { id: "move-en-previous", label: "Move the first English sentence to the previous bead", group: "Beads and sentences", action: { kind: "move", lang: "en", direction: "previous" }, chords: [{ key: "[", shift: true }, { key: "{", hidden: true }] },
  { id: "move-en-next", label: "Move the last English sentence to the next bead", group: "Beads and sentences", action: { kind: "move", lang: "en", direction: "next" }, chords: [{ key: "]", shift: true }, { key: "}", hidden: true }] },
  { id: "split-sentence", label: "Split the sentence at the caret (click in it first)", group: "Beads and sentences", action: { kind: "splitSentence" }, chords: [{ key: "b" }] },
  { id: "merge-sentences", label: "Join the sentence at the caret (or the bead's first) with the next one", group: "Beads and sentences", action: { kind: "mergeSentences" }, chords: [{ key: "J" }] },
  { id: "realign", label: "Realign the unconfirmed beads", group: "Beads and sentences", action: { kind: "realign" }, chords: [{ key: "r" }] },
  { id: "next-link", label: "Next link of the bead", group: "Span links", action: { kind: "cycleLink", delta: 1 }, chords: [{ key: "." }] },
  { id: "previous-link", label: "Previous link of the bead", group: "Span links", action: { kind: "cycleLink", delta: -1 }, chords: [{ key: "," }] },
  { id: "accept-link", label: "Accept link", group: "Span links", action: { kind: "acceptLink" }, chords: [{ key: "a" }] },
  { id: "accept-all-links", label: "Accept all suggested links of the bead", group: "Span links", action: { kind: "acceptAllLinks" }, chords: [{ key: "A" }] },
  { id: "remove-link", label: "Remove link", group: "Span links", action: { kind: "removeLink" }, chords: [{ key: "x" }, { key: "Delete" }] },
  { id: "link-selection", label: "Link the selected Chinese and English text", group: "Span links", action: { kind: "linkSelection" }, chords: [{ key: "l" }] },
  { id: "clear-selection", label: "Drop the text selection (or close the search)", group: "Span links", action: { kind: "clearSelection" }, chords: [{ key: "Escape" }] },
  {
    id: "tag-mention",
    label: "Tag the selection with entity type 1–9 (nothing selected: retype the current name)",
    group: "Names",
    action: { kind: "tagMention", key: "1" },
    chords: DIGITS.map((key) => ({ key, action: { kind: "tagMention", key } })),
    keys: "1–9",
  },
  { id: "next-name", label: "Next name of the bead", group: "Names", action: { kind: "cycleMention", delta: 1 }, chords: [{ key: "Tab", shift: false }] },
  { id: "previous-name", label: "Previous name of the bead", group: "Names", action: { kind: "cycleMention", delta: -1 }, chords: [{ key: "Tab", shift: true }] },
  { id: "accept-name", label: "Accept name", group: "Names", action: { kind: "acceptMention" }, chords: [{ key: "y" }] },
  { id: "reject-name", label: "Reject name", group: "Names", action: { kind: "rejectMention" }, chords: [{ key: "n" }] },
  { id: "accept-all-names", label: "Accept all suggested names of the bead", group: "Names", action: { kind: "acceptAllMentions" }, chords: [{ key: "Y" }] },
  { id: "project-name", label: "Project name to the other side", group: "Names", action: { kind: "projectMention" }, chords: [{ key: "p" }] },
  { id: "link-entity", label: "Link name to an entity…", group: "Names", action: { kind: "linkEntity" }, chords: [{ key: "e" }] },
  { id: "delete-name", label: "Delete name", group: "Names", action: { kind: "deleteMention" }, chords: [{ key: "D" }] },
  { id: "next-one-sided", label: "Next bead with a name missing on the other side", group: "Names", action: { kind: "jump", to: "oneSided", delta: 1 }, chords: [{ key: "o" }] },
  { id: "toggle-one-sided", label: "Mark or unmark names missing on the other side", group: "Names", action: { kind: "toggleOneSided" }, chords: [{ key: "O" }] },
  { id: "toggle-rejected", label: "Show or hide rejected names", group: "Names", action: { kind: "toggleRejected" }, chords: [{ key: "H" }] },
  { id: "undo", label: "Undo", group: "History", action: { kind: "undo" }, chords: [{ key: "z", ctrl: true, shift: false }] },
  { id: "redo", label: "Redo", group: "History", action: { kind: "redo" }, chords: [{ key: "z", ctrl: true, shift: true }, { key: "y", ctrl: true, shift: false }] },
  { id: "search", label: "Find in both languages", group: "Window", action: { kind: "search" }, chords: [{ key: "f", ctrl: true, shift: false }] },
  { id: "palette", label: "Command palette", group: "Window", action: { kind: "palette" }, chords: [{ key: "k", ctrl: true, shift: false }] },
  { id: "shortcuts", label: "Keyboard shortcuts", group: "Window", action: { kind: "shortcuts" }, chords: [{ key: "?" }] },
  { id: "tab-entities", label: "Show the entities", group: "Window", action: { kind: "sideTab", tab: "entities" }, chords: [{ key: "1", ctrl: true, shift: false }] },
  { id: "tab-claims", label: "Show the claims", group: "Window", action: { kind: "sideTab", tab: "claims" }, chords: [{ key: "2", ctrl: true, shift: false }] },
  { id: "tab-history", label: "Show the history", group: "Window", action: { kind: "sideTab", tab: "history" }, chords: [{ key: "3", ctrl: true, shift: false }] },
  { id: "tab-selection", label: "Inspect the selection", group: "Window", action: { kind: "sideTab", tab: "selection" }, chords: [{ key: "4", ctrl: true, shift: false }] },
  { id: "toggle-theme", label: "Switch between the light and the dark theme", group: "Window", action: { kind: "toggleTheme" }, chords: [{ key: "l", ctrl: true, shift: true }] },
];

const KEY_NAMES: Record<string, string> = {
  ArrowDown: "↓",
  ArrowUp: "↑",
  Escape: "Esc",
  PageDown: "PageDown",
  PageUp: "PageUp",
};

/** A chord as people read it: "Ctrl+Shift+Z", "Shift+[", "↓", "j", "Shift+A". */
export function chordText(chord: Chord): string {
  const parts: string[] = [];
  if (chord.ctrl) parts.push("Ctrl");
  const letter = /^\p{L}$/u.test(chord.key);
  // A capital letter is typed with Shift.
  if (chord.shift === true || (!chord.ctrl && letter && chord.key !== chord.key.toLowerCase())) parts.push("Shift");
  const name = KEY_NAMES[chord.key] ?? (chord.ctrl && letter ? chord.key.toUpperCase() : chord.key);
  parts.push(name);
  return parts.join("+");
}

/** A command's keys as shown by the palette and the sheet: alternatives joined by " / ". */
export function commandKeys(command: Command): string {
  return command.keys ?? command.chords.filter((c) => !c.hidden).map(chordText).join(" / ");
}

/** The command of an action (by kind; for a move, by side and direction), if any. */
export function commandOf(action: Action): Command | undefined {
  return COMMANDS.find((command) => sameAction(command.action, action));
}

function sameAction(a: Action, b: Action): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "tagMention") return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function matches(chord: Chord, press: KeyPress, command: boolean): boolean {
  if ((chord.ctrl ?? false) !== command) return false;
  if (chord.shift !== undefined && chord.shift !== (press.shiftKey ?? false)) return false;
  return command ? chord.key === press.key.toLowerCase() : chord.key === press.key;
}

/**
 * The action of a key press, or null if the window ignores it (so the browser keeps it):
 * the first command of {@link COMMANDS} with a chord the press matches. Alt is never ours.
 */
export function keyAction(press: KeyPress): Action | null {
  if (press.altKey) return null;
  const command = press.ctrlKey === true || press.metaKey === true;
  for (const entry of COMMANDS) {
    for (const chord of entry.chords) {
      if (matches(chord, press, command)) return chord.action ?? entry.action;
    }
  }
  return null;
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

/**
 * The alignment after an edit of a few beads: the edit answers with only the beads it
 * changed (a book-length alignment is tens of megabytes), and the window patches its copy.
 * Beads after the patched places move by as many places as the edit added or removed, and
 * their sentence numbers by as many sentences of each language (splitting a sentence adds
 * one). Beads outside the patch keep their objects when nothing moved, so rows that did
 * not change are not drawn again. `null` when the patch does not fit (another window
 * changed the alignment meanwhile): read the alignment again.
 */
export function applyPatch(view: AlignmentView, patch: AlignmentPatch): AlignmentView | null {
  const { start, removed, beads: replacing, total } = patch;
  if (view.id !== patch.id || start < 0 || start + removed > view.beads.length) return null;
  if (view.beads.length - removed + replacing.length !== total) return null;
  const old = view.beads.slice(start, start + removed);
  const count = (list: readonly BeadView[], lang: Lang) => list.reduce((n, bead) => n + bead[lang].length, 0);
  const moveBy = replacing.length - removed;
  const zhBy = count(replacing, "zh") - count(old, "zh");
  const enBy = count(replacing, "en") - count(old, "en");
  let after = view.beads.slice(start + removed);
  if (moveBy !== 0 || zhBy !== 0 || enBy !== 0) {
    const shift = (sentences: BeadView["zh"], by: number) =>
      by === 0 ? sentences : sentences.map((s) => ({ ...s, ordinal: s.ordinal + by }));
    after = after.map((bead) => ({
      ...bead,
      position: bead.position + moveBy,
      zh: shift(bead.zh, zhBy),
      en: shift(bead.en, enBy),
    }));
  }
  return { ...view, beads: [...view.beads.slice(0, start), ...replacing, ...after] };
}

/**
 * The index of the next bead after `from` (or before it, `delta` -1) that `to` looks for:
 * unconfirmed, or unconfirmed with a low confidence (confirmed beads are settled even when
 * the aligner was unsure), or one of `oneSidedBeads` (beads with an accepted name missing
 * on the other side). Wraps around the document; `null` when there is none.
 */
export function jumpTarget(
  beads: readonly Pick<BeadView, "id" | "status" | "confidence">[],
  from: number,
  to: JumpTarget,
  delta: 1 | -1,
  oneSidedBeads: ReadonlySet<number> = new Set(),
): number | null {
  const wanted = (bead: Pick<BeadView, "id" | "status" | "confidence">) =>
    to === "oneSided"
      ? oneSidedBeads.has(bead.id)
      : bead.status !== "confirmed" && (to === "unconfirmed" || confidenceBucket(bead.confidence) === "low");
  const count = beads.length;
  for (let step = 1; step <= count; step++) {
    const index = (((from + delta * step) % count) + count) % count;
    if (wanted(beads[index]!)) return index;
  }
  return null;
}

/**
 * Which two sentences `J` joins: the sentence at the caret and the next of its language in
 * the bead; without a caret in the bead, its first two Chinese sentences, else its first two
 * English ones. `null` (with the reason) when there is no next sentence in the bead.
 */
export function sentencesToJoin(
  bead: Pick<BeadView, "zh" | "en">,
  caret: { lang: Lang; sentenceId: number } | null,
): { lang: Lang; sentenceId: number } | { refused: string } {
  if (caret) {
    const side = bead[caret.lang];
    const at = side.findIndex((s) => s.id === caret.sentenceId);
    if (at >= 0 && at + 1 < side.length) return { lang: caret.lang, sentenceId: caret.sentenceId };
    if (at >= 0) return { refused: "the sentence at the caret is the last of its language in the bead: merge the beads (m) first" };
  }
  for (const lang of ["zh", "en"] as const) {
    const first = bead[lang][0];
    if (bead[lang].length >= 2 && first) return { lang, sentenceId: first.id };
  }
  return { refused: "the bead has at most one sentence on each side: there is nothing to join" };
}
