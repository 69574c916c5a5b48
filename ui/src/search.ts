/**
 * Find in one document: the pure search over an alignment's beads, kept apart from React so
 * it is unit-tested (./SearchBar is its window). Both languages are searched, sentence by
 * sentence, either for plain text or for a JavaScript regular expression (always with the
 * `u` flag, so `.` and classes take whole characters such as 𠮷 or an emoji).
 *
 * Plain text ignores case unless asked (for every script with case: Latin, Greek, Cyrillic;
 * Chinese has none) and can fold full-width and half-width forms together, so `ＡＢＣ１２３`
 * finds `abc123` and `，` finds `,`. Folding is done one code point for one code point, so an
 * offset into the folded text is the same offset into the original.
 *
 * Results carry code-point offsets (the project's unit) into the whole zh or en text, like
 * sentence and link offsets; every conversion to JavaScript's UTF-16 goes through ./offsets.
 * A match never crosses a sentence boundary (in a regular expression `^` and `$` are a
 * sentence's start and end). Zero-length matches (`^`, `\b`, `x*` on nothing) are skipped,
 * never looped on. Results stop at a cap, reported with the results.
 */
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadSentenceView } from "./bindings/BeadSentenceView";
import type { Lang } from "./alignment";
import { codePointLength, codePointToUtf16 } from "./offsets";

/** How many results a search keeps at most. */
export const SEARCH_LIMIT = 5000;
/** How many code points of context a result's snippet shows on each side. */
export const SNIPPET_CONTEXT = 30;

export interface SearchOptions {
  /** What to look for; empty (or only whitespace, in plain mode) finds nothing. */
  query: string;
  /** Treat the query as a JavaScript regular expression (compiled with the `u` flag). */
  regex?: boolean;
  /** Match case exactly; by default case is ignored. */
  caseSensitive?: boolean;
  /** Full-width and half-width forms match each other (ＡＢＣ = ABC, ， = ,). Default true. */
  foldWidth?: boolean;
  /** Which sides to search; default both, zh first. */
  langs?: readonly Lang[];
  /** At most this many results (default {@link SEARCH_LIMIT}). */
  limit?: number;
  /** Code points of context on each side of a snippet (default {@link SNIPPET_CONTEXT}). */
  context?: number;
}

/** One match: where it is (bead, side, sentence, code points) and its snippet. */
export interface SearchHit {
  /** Place of the bead in `alignment.beads` (0-based). */
  beadIndex: number;
  beadId: number;
  lang: Lang;
  sentenceId: number;
  /** Code points into the whole zh or en text, start inclusive, end exclusive. */
  start: number;
  end: number;
  /** Up to `context` code points of the sentence before the match. */
  before: string;
  /** The matched text, as it is in the sentence (not folded). */
  match: string;
  /** Up to `context` code points of the sentence after the match. */
  after: string;
  /** The snippet was cut: there is more of the sentence before / after it. */
  clippedBefore: boolean;
  clippedAfter: boolean;
  /** Regular expressions only: the numbered groups' texts (null for a group that took no part). */
  groups?: (string | null)[];
}

export type SearchResult =
  | { ok: true; hits: SearchHit[]; /** Stopped at the limit: there are more. */ capped: boolean }
  | { ok: false; /** Why the pattern is not a valid regular expression. */ error: string };

const EMPTY: SearchResult = { ok: true, hits: [], capped: false };

/**
 * Searches the beads of `alignment` (null: nothing to search). Never throws: an invalid
 * regular expression gives `{ ok: false, error }`. Hits are in reading order: by bead, zh
 * before en, then by sentence and offset.
 */
export function searchAlignment(
  alignment: Pick<AlignmentView, "beads"> | null | undefined,
  options: SearchOptions,
): SearchResult {
  const matcher = compile(options);
  if ("error" in matcher) return { ok: false, error: matcher.error };
  if (matcher.empty || !alignment) return EMPTY;
  const limit = Math.max(0, Math.floor(options.limit ?? SEARCH_LIMIT));
  const context = Math.max(0, Math.floor(options.context ?? SNIPPET_CONTEXT));
  const langs = options.langs ?? (["zh", "en"] as const);
  const hits: SearchHit[] = [];
  for (const [beadIndex, bead] of alignment.beads.entries()) {
    for (const lang of langs) {
      for (const sentence of bead[lang]) {
        const full = searchSentence(sentence, matcher, limit - hits.length + 1, context, (hit) =>
          hits.push({ beadIndex, beadId: bead.id, lang, ...hit }),
        );
        if (full && hits.length > limit) {
          hits.length = limit;
          return { ok: true, hits, capped: true };
        }
      }
    }
  }
  return { ok: true, hits, capped: false };
}

/**
 * Checks a query without searching: null if it is usable, else the error message (an
 * invalid regular expression).
 */
export function queryError(options: Pick<SearchOptions, "query" | "regex" | "caseSensitive" | "foldWidth">): string | null {
  const matcher = compile(options);
  return "error" in matcher ? matcher.error : null;
}

// ---------------------------------------------------------------------------------------
// Navigation

/**
 * The result after (`direction` 1) or before (-1) `current`, wrapping around; from no
 * result (-1) forward is the first, backward the last. -1 when there are no results.
 */
export function stepHit(current: number, count: number, direction: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Where a search starts from: a bead, and optionally a side and a code-point offset in it. */
export interface SearchPosition {
  beadIndex: number;
  lang?: Lang;
  offset?: number;
}

/**
 * The first result at or after `position` in reading order (zh before en), wrapping to the
 * first result when none follows; -1 when there are none. With `direction` -1, the last
 * result before `position`, wrapping to the last. Binary search: hits must be in the order
 * {@link searchAlignment} returns them.
 */
export function hitFrom(hits: readonly SearchHit[], position: SearchPosition, direction: 1 | -1 = 1): number {
  if (hits.length === 0) return -1;
  const key = positionKey(position.beadIndex, position.lang ?? "zh", position.offset ?? 0);
  // First hit whose key is >= the position's.
  let low = 0;
  let high = hits.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const hit = hits[mid]!;
    if (compareKeys(positionKey(hit.beadIndex, hit.lang, hit.start), key) < 0) low = mid + 1;
    else high = mid;
  }
  if (direction === 1) return low < hits.length ? low : 0;
  return low > 0 ? low - 1 : hits.length - 1;
}

/** The results inside one bead (by its index), as a slice of `hits`. */
export function hitsInBead(hits: readonly SearchHit[], beadIndex: number): SearchHit[] {
  const from = hitFrom(hits, { beadIndex });
  if (from < 0) return [];
  const found: SearchHit[] = [];
  for (let i = from; i < hits.length && hits[i]!.beadIndex === beadIndex; i += 1) found.push(hits[i]!);
  return found;
}

/**
 * Finds a result again after the alignment changed: the same bead, side and offset if it is
 * still a result, else the first one at or after where it was; -1 when there are none.
 */
export function refindHit(hits: readonly SearchHit[], previous: Pick<SearchHit, "beadId" | "lang" | "start"> & { beadIndex: number }): number {
  const same = hits.findIndex((h) => h.beadId === previous.beadId && h.lang === previous.lang && h.start === previous.start);
  if (same >= 0) return same;
  return hitFrom(hits, { beadIndex: previous.beadIndex, lang: previous.lang, offset: previous.start });
}

/**
 * The count line of a search: "No results", "3 of 17", "17 results" (nothing current yet),
 * "3 of 5,000+" when capped, "Invalid pattern" for an error.
 */
export function countText(result: SearchResult | null, current: number): string {
  if (!result) return "";
  if (!result.ok) return "Invalid pattern";
  const count = result.hits.length;
  if (count === 0) return "No results";
  const total = `${count.toLocaleString("en-US")}${result.capped ? "+" : ""}`;
  if (current < 0 || current >= count) return count === 1 && !result.capped ? "1 result" : `${total} results`;
  return `${(current + 1).toLocaleString("en-US")} of ${total}`;
}

// ---------------------------------------------------------------------------------------
// Folding

const WIDTH_CHARS = /[\u3000\uFF01-\uFF5E\uFF61-\uFF64\uFFE0-\uFFE6]/g;
const WIDE_SIGNS: Record<string, string> = {
  "\uFF61": "\u3002", // ｡ → 。
  "\uFF62": "\u300C", // ｢ → 「
  "\uFF63": "\u300D", // ｣ → 」
  "\uFF64": "\u3001", // ､ → 、
  "\uFFE0": "\u00A2", // ￠ → ¢
  "\uFFE1": "\u00A3", // ￡ → £
  "\uFFE2": "\u00AC", // ￢ → ¬
  "\uFFE3": "\u00AF", // ￣ → ¯
  "\uFFE4": "\u00A6", // ￤ → ¦
  "\uFFE5": "\u00A5", // ￥ → ¥
  "\uFFE6": "\u20A9", // ￦ → ₩
};

function foldWideChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x3000) return " ";
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return WIDE_SIGNS[char] ?? char;
}

/**
 * Full-width ASCII (ＡＢＣ１２３，！) and the ideographic space become their half-width
 * forms; half-width CJK signs (｡｢｣､) and the full-width currency signs become their usual
 * forms. One code point for one code point.
 */
export function foldWidth(text: string): string {
  return text.replace(WIDTH_CHARS, foldWideChar);
}

const CASED = /\p{Changes_When_Lowercased}/gu;

function lowerChar(char: string): string {
  // Keep one code point: İ lowercases to i + combining dot, of which the i is kept.
  const first = char.toLowerCase().codePointAt(0);
  if (first === undefined) return char;
  const lower = String.fromCodePoint(first);
  // Keep UTF-16 lengths too (no case pair is known to cross planes; if one did, it stays
  // unfolded), so an index into the folded text is the same index into the original.
  return lower.length === char.length ? lower : char;
}

/**
 * Lower case, one code point for one code point and one UTF-16 unit for one unit (so both
 * kinds of offset are kept).
 */
export function foldCase(text: string): string {
  return text.replace(CASED, lowerChar);
}

// ---------------------------------------------------------------------------------------
// Matching

interface Compiled {
  empty: boolean;
  /** Applied to each sentence before matching; keeps code-point and UTF-16 offsets. */
  fold: (text: string) => string;
  /** Plain: the folded needle. */
  needle?: string;
  /** Regular expression: global, unicode. */
  pattern?: RegExp;
}

function compile(options: Pick<SearchOptions, "query" | "regex" | "caseSensitive" | "foldWidth">): Compiled | { error: string } {
  const query = options.query;
  const width = options.foldWidth ?? true;
  const ignoreCase = !(options.caseSensitive ?? false);
  if (options.regex) {
    if (query === "") return { empty: true, fold: identity };
    // The text is width-folded, so the pattern's full-width characters are too (as literals).
    const source = width ? query.replace(WIDTH_CHARS, (c) => escapeLiteral(foldWideChar(c))) : query;
    try {
      // `d`: the groups' indices, so their texts come from the unfolded sentence.
      const pattern = new RegExp(source, ignoreCase ? "dgiu" : "dgu");
      return { empty: false, fold: width ? foldWidth : identity, pattern };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }
  if (query.trim() === "") return { empty: true, fold: identity };
  const fold = width
    ? ignoreCase
      ? (text: string) => foldCase(foldWidth(text))
      : foldWidth
    : ignoreCase
      ? foldCase
      : identity;
  return { empty: false, fold, needle: fold(query) };
}

function identity(text: string): string {
  return text;
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/;

function escapeLiteral(char: string): string {
  return SYNTAX.test(char) ? `\\${char}` : char;
}

type SentenceHit = Omit<SearchHit, "beadIndex" | "beadId" | "lang">;

/**
 * Reports the sentence's matches through `emit`, at most `room` of them; true if it stopped
 * because the room ran out.
 */
function searchSentence(
  sentence: BeadSentenceView,
  matcher: Compiled,
  room: number,
  context: number,
  emit: (hit: SentenceHit) => void,
): boolean {
  const text = sentence.text;
  const folded = matcher.fold(text);
  // Walks the text from match to match, counting code points as it goes, so a long sentence
  // with many matches is read once.
  let unit = 0;
  let point = 0;
  const pointAt = (index: number): number => {
    point += codePointLength(folded.slice(unit, index));
    unit = index;
    return point;
  };
  let emitted = 0;
  const report = (index: number, length: number, groups?: (string | null)[]) => {
    const startPoint = pointAt(index);
    const endPoint = startPoint + codePointLength(folded.slice(index, index + length));
    const snippet = snippetOf(text, index, index + length, context);
    emit({
      sentenceId: sentence.id,
      start: sentence.start + startPoint,
      end: sentence.start + endPoint,
      ...snippet,
      ...(groups ? { groups } : {}),
    });
    emitted += 1;
  };
  if (matcher.needle !== undefined) {
    const needle = matcher.needle;
    let from = 0;
    while (emitted < room) {
      const index = folded.indexOf(needle, from);
      if (index < 0) break;
      report(index, needle.length);
      from = index + needle.length;
    }
  } else if (matcher.pattern) {
    // matchAll copies the pattern (lastIndex starts at 0) and steps over empty matches by a
    // whole code point (the `u` flag), so it cannot loop.
    for (const match of folded.matchAll(matcher.pattern)) {
      if (emitted >= room) break;
      if (match[0] === "") continue;
      const groups = match.slice(1).map((_, i) => {
        const span = match.indices?.[i + 1];
        return span ? text.slice(span[0], span[1]) : null;
      });
      report(match.index, match[0].length, groups);
    }
  }
  return emitted >= room;
}

function snippetOf(
  text: string,
  start: number,
  end: number,
  context: number,
): Pick<SearchHit, "before" | "match" | "after" | "clippedBefore" | "clippedAfter"> {
  // Enough UTF-16 units for `context` code points, then cut to exactly that many.
  const headFrom = Math.max(0, start - 2 * context);
  let head = text.slice(headFrom, start);
  const headPoints = codePointLength(head);
  let clippedBefore = headFrom > 0;
  if (headPoints > context) {
    head = head.slice(codePointToUtf16(head, headPoints - context));
    clippedBefore = true;
  }
  let tail = text.slice(end, end + 2 * context);
  let clippedAfter = end + 2 * context < text.length;
  if (codePointLength(tail) > context) {
    tail = tail.slice(0, codePointToUtf16(tail, context));
    clippedAfter = true;
  }
  return { before: head, match: text.slice(start, end), after: tail, clippedBefore, clippedAfter };
}

// ---------------------------------------------------------------------------------------
// Ordering

type Key = [number, number, number];

function positionKey(beadIndex: number, lang: Lang, offset: number): Key {
  return [beadIndex, lang === "zh" ? 0 : 1, offset];
}

function compareKeys(a: Key, b: Key): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
