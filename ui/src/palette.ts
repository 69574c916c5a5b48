/**
 * The pure logic of the command palette (./CommandPalette) and the shortcut sheet
 * (./ShortcutSheet), kept apart from React so it is unit-tested: fuzzy matching of typed
 * text against command labels, the order of the list, moving the active row past disabled
 * commands, and cutting a label into matched and plain parts for highlighting.
 *
 * Positions are indices of characters (code points, so 𠮷 or an emoji counts once) in the
 * label; they never leave the UI.
 */
import { foldCase, foldWidth } from "./search";

/** What the matcher needs of a command. */
export interface Matchable {
  label: string;
  group: string;
  disabled?: boolean;
}

export interface FuzzyMatch {
  /** Higher is better. */
  score: number;
  /** Code-point indices of the matched characters in the text, ascending. */
  positions: number[];
}

const WORD_START = 8;
const CONSECUTIVE = 6;
const MATCH = 1;
const GAP = 0.35;
const LEADING_GAP = 0.15;
const PREFIX = 6;
const EXACT = 12;
const SEPARATORS = /[\s\-_/\\:.,;·()[\]{}'"“”‘’…|+&]/u;

/**
 * Matches `query` as a subsequence of `text`, ignoring case, width (ＡＢＣ = ABC) and the
 * query's spaces, and scoring the best alignment: word starts and runs of consecutive
 * characters score high, gaps cost a little. Null if `text` does not contain the query's
 * characters in order. An empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = [...fold(query)].filter((c) => !/\s/u.test(c));
  if (q.length === 0) return { score: 0, positions: [] };
  const original = [...text];
  const t = [...fold(text)];
  const n = t.length;
  const m = q.length;
  if (m > n) return null;
  // Quick reject: the characters must appear in order.
  for (let i = 0, j = 0; i < m; i += 1, j += 1) {
    while (j < n && t[j] !== q[i]) j += 1;
    if (j >= n) return null;
  }
  const bonus = original.map((_, j) => (isWordStart(original, j) ? WORD_START : 0));
  const NONE = Number.NEGATIVE_INFINITY;
  // best[i][j]: the best score of q[0..i] with q[i] at t[j]; from[i][j]: where q[i-1] was.
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < m; i += 1) {
    const row = new Array<number>(n).fill(NONE);
    const back = new Array<number>(n).fill(-1);
    const previous = best[i - 1];
    // The best q[i-1] at least two characters back, minus the gap to j.
    let gapScore = NONE;
    let gapAt = -1;
    for (let j = i; j < n; j += 1) {
      if (previous && j >= 2) {
        gapScore -= GAP;
        const candidate = previous[j - 2]! - GAP;
        if (candidate > gapScore) {
          gapScore = candidate;
          gapAt = j - 2;
        }
      }
      if (t[j] !== q[i]) continue;
      const own = MATCH + bonus[j]!;
      if (!previous) {
        row[j] = own - LEADING_GAP * j;
        continue;
      }
      const adjacent = j >= 1 ? previous[j - 1]! + CONSECUTIVE : NONE;
      if (adjacent === NONE && gapScore === NONE) continue;
      if (adjacent >= gapScore) {
        row[j] = own + adjacent;
        back[j] = j - 1;
      } else {
        row[j] = own + gapScore;
        back[j] = gapAt;
      }
    }
    best.push(row);
    from.push(back);
  }
  const last = best[m - 1]!;
  let end = -1;
  for (let j = 0; j < n; j += 1) if (last[j]! > (end < 0 ? NONE : last[end]!)) end = j;
  if (end < 0 || last[end] === NONE) return null;
  const positions = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i -= 1) {
    positions[i] = j;
    j = from[i]![j]!;
  }
  let score = last[end]!;
  const folded = t.join("");
  const needle = q.join("");
  if (folded.startsWith(needle)) score += PREFIX;
  if (folded === needle) score += EXACT;
  // Of two equal matches, the shorter label first.
  score -= n * 0.01;
  return { score, positions };
}

function fold(text: string): string {
  return foldCase(foldWidth(text));
}

function isWordStart(chars: readonly string[], j: number): boolean {
  if (j === 0) return true;
  const before = chars[j - 1]!;
  const here = chars[j]!;
  if (SEPARATORS.test(before)) return !SEPARATORS.test(here);
  // camelCase and digits after letters.
  if (/\p{Ll}/u.test(before) && /\p{Lu}/u.test(here)) return true;
  if (/\p{L}/u.test(before) && /\p{Nd}/u.test(here)) return true;
  return false;
}

/** A command in the palette's list, with the characters of its label that matched. */
export interface PaletteItem<T extends Matchable> {
  command: T;
  score: number;
  /** Code-point indices into the label. */
  positions: number[];
}

/** Matching on the group as well ("Alignment: merge") costs this much. */
const GROUP_PENALTY = 4;

/**
 * The commands the query keeps, best first (ties in the given order). A command matches by
 * its label, or, a little lower, by "group label". With an empty query, every command, in
 * the given order but gathered by group (groups in order of first appearance).
 */
export function filterCommands<T extends Matchable>(commands: readonly T[], query: string): PaletteItem<T>[] {
  if (query.trim() === "") {
    const groups = new Map<string, PaletteItem<T>[]>();
    for (const command of commands) {
      const list = groups.get(command.group) ?? [];
      list.push({ command, score: 0, positions: [] });
      groups.set(command.group, list);
    }
    return [...groups.values()].flat();
  }
  const found: { item: PaletteItem<T>; order: number }[] = [];
  for (const [order, command] of commands.entries()) {
    const direct = fuzzyMatch(query, command.label);
    if (direct) {
      found.push({ item: { command, ...direct }, order });
      continue;
    }
    const prefix = [...command.group].length + 1;
    const grouped = fuzzyMatch(query, `${command.group} ${command.label}`);
    if (grouped) {
      found.push({
        item: {
          command,
          score: grouped.score - GROUP_PENALTY,
          positions: grouped.positions.filter((p) => p >= prefix).map((p) => p - prefix),
        },
        order,
      });
    }
  }
  found.sort((a, b) => b.item.score - a.item.score || a.order - b.order);
  return found.map((f) => f.item);
}

/** The first enabled item, or -1. */
export function firstEnabled(items: readonly PaletteItem<Matchable>[]): number {
  return items.findIndex((item) => !item.command.disabled);
}

/**
 * Moves the active row by `delta` (±1 a row, larger a page), skipping disabled commands.
 * A single step wraps around the ends; a page stops at them. -1 when nothing is enabled.
 */
export function moveActive(items: readonly PaletteItem<Matchable>[], from: number, delta: number): number {
  const count = items.length;
  if (count === 0 || firstEnabled(items) < 0) return -1;
  const enabled = (i: number) => !items[i]!.command.disabled;
  if (Math.abs(delta) === 1) {
    let i = from < 0 || from >= count ? (delta > 0 ? -1 : count) : from;
    for (let step = 0; step < count; step += 1) {
      i = (i + delta + count) % count;
      if (enabled(i)) return i;
    }
    return -1;
  }
  // A page: go as far as asked, then to the nearest enabled row (forward first in the
  // direction of travel, then back).
  const target = Math.min(count - 1, Math.max(0, (from < 0 ? 0 : from) + delta));
  const direction = delta > 0 ? 1 : -1;
  for (let i = target; i >= 0 && i < count; i += direction) if (enabled(i)) return i;
  for (let i = target; i >= 0 && i < count; i -= direction) if (enabled(i)) return i;
  return -1;
}

/** The item's runs of matched and unmatched characters, for highlighting. */
export function highlightParts(label: string, positions: readonly number[]): { text: string; match: boolean }[] {
  const chars = [...label];
  const matched = new Set(positions);
  const parts: { text: string; match: boolean }[] = [];
  for (const [i, char] of chars.entries()) {
    const match = matched.has(i);
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += char;
    else parts.push({ text: char, match });
  }
  return parts;
}

/**
 * A key description cut into the keys to draw: "↑ / k" is two alternatives, "Ctrl+Shift+Z"
 * one chord. Alternatives are separated by " / " or " or ".
 */
export function splitKeys(keys: string): string[] {
  return keys
    .split(/\s+(?:\/|or)\s+/u)
    .map((k) => k.trim())
    .filter((k) => k !== "");
}
