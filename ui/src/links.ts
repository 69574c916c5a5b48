/**
 * The pure logic of span links (word and phrase links inside a bead), kept apart from React
 * so it is unit-tested: cutting a sentence into plain and linked pieces, the order in which
 * `.`/`,` walk a bead's links, their tints and counts, and turning a text selection into a
 * span. Link offsets are code points into the whole zh or en text; every conversion to
 * JavaScript's UTF-16 goes through ./offsets.
 */
import type { SpanLinkView } from "./bindings/SpanLinkView";
import type { Lang } from "./alignment";
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "./offsets";

/** A span of a text in code points (start inclusive, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** The parts of a sentence that segmentation needs: its text and where it lies. */
export interface SentenceSpan extends Span {
  text: string;
}

/** A stretch of a sentence covered by the same marks (none: plain text). */
export interface Piece<T extends Span> {
  text: string;
  /** Code points into the whole text. */
  start: number;
  end: number;
  /** The marks covering the whole piece, in the order they were given. */
  marks: T[];
}

/**
 * Cuts a sentence into pieces at every mark boundary inside it, so each piece is covered by
 * one fixed set of marks. Marks are clipped to the sentence (a link may start in the
 * sentence before); marks outside it are ignored. The pieces' texts joined give the
 * sentence's text back.
 */
export function segmentSentence<T extends Span>(sentence: SentenceSpan, marks: readonly T[]): Piece<T>[] {
  const length = codePointLength(sentence.text);
  const first = sentence.start;
  const last = sentence.start + length;
  const inside = marks.filter((mark) => mark.start < last && mark.end > first && mark.start < mark.end);
  const cuts = new Set<number>([first, last]);
  for (const mark of inside) {
    cuts.add(Math.max(mark.start, first));
    cuts.add(Math.min(mark.end, last));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece<T>[] = [];
  for (const [i, start] of points.entries()) {
    const end = points[i + 1];
    if (end === undefined) break;
    const text = sentence.text.slice(
      codePointToUtf16(sentence.text, start - first),
      codePointToUtf16(sentence.text, end - first),
    );
    pieces.push({ text, start, end, marks: inside.filter((mark) => mark.start <= start && mark.end >= end) });
  }
  return pieces;
}

/** A link's span on one side. */
export function linkSpan(link: SpanLinkView, lang: Lang): Span {
  return lang === "zh" ? { start: link.zhStart, end: link.zhEnd } : { start: link.enStart, end: link.enEnd };
}

/** A bead's links in reading order: by zh span, then en span (then id, for a stable order). */
export function orderedLinks<T extends SpanLinkView>(links: readonly T[]): T[] {
  return [...links].sort(
    (a, b) =>
      a.zhStart - b.zhStart ||
      a.zhEnd - b.zhEnd ||
      a.enStart - b.enStart ||
      a.enEnd - b.enEnd ||
      a.id - b.id,
  );
}

/**
 * The link `.` (delta 1) or `,` (delta -1) moves to from `current`, in reading order and
 * wrapping around; from no current link (or one no longer in the bead) `.` starts at the
 * first link and `,` at the last. Null when the bead has no links.
 */
export function cycleLink(links: readonly SpanLinkView[], current: number | null, delta: 1 | -1): number | null {
  const ordered = orderedLinks(links);
  if (ordered.length === 0) return null;
  const index = current === null ? -1 : ordered.findIndex((link) => link.id === current);
  const at = index < 0 ? (delta > 0 ? 0 : ordered.length - 1) : (index + delta + ordered.length) % ordered.length;
  return ordered[at]?.id ?? null;
}

/**
 * The link to make current after `removed` is removed: the one that followed it in reading
 * order, else the one before it, else none.
 */
export function afterRemoval(links: readonly SpanLinkView[], removed: number): number | null {
  const ordered = orderedLinks(links);
  const index = ordered.findIndex((link) => link.id === removed);
  if (index < 0) return null;
  const next = ordered[index + 1] ?? ordered[index - 1];
  return next ? next.id : null;
}

/** How many tints link pairs cycle through (`.tint-0` … in styles.css). */
export const TINTS = 6;

/**
 * The tint of each link, shared by its zh span and its en partner. It follows the link's
 * id, so a link keeps its colour when others are added or removed; the aligner numbers its
 * suggestions in reading order, so neighbouring links differ.
 */
export function linkTints(links: readonly SpanLinkView[]): Map<number, number> {
  return new Map(links.map((link) => [link.id, ((link.id % TINTS) + TINTS) % TINTS]));
}

/**
 * The link a piece is drawn as when several cover it: the shortest on that side (the most
 * specific), ties by reading order.
 */
export function primaryLink(links: readonly SpanLinkView[], lang: Lang): SpanLinkView | null {
  let best: SpanLinkView | null = null;
  for (const link of orderedLinks(links)) {
    const span = linkSpan(link, lang);
    if (best === null) {
      best = link;
      continue;
    }
    const bestSpan = linkSpan(best, lang);
    if (span.end - span.start < bestSpan.end - bestSpan.start) best = link;
  }
  return best;
}

/** The ids of a bead's suggested links, in reading order (what `A` accepts). */
export function suggestedLinks(links: readonly SpanLinkView[]): number[] {
  return orderedLinks(links)
    .filter((link) => link.status === "suggested")
    .map((link) => link.id);
}

export interface LinkCounts {
  links: number;
  accepted: number;
}

export function linkCounts(links: readonly Pick<SpanLinkView, "status">[]): LinkCounts {
  return { links: links.length, accepted: links.filter((link) => link.status === "accepted").length };
}

/** The status cell's count, e.g. "12 links · 3 accepted"; empty for a bead without links. */
export function linkCountText({ links, accepted }: LinkCounts): string {
  if (links === 0) return "";
  return `${links === 1 ? "1 link" : `${links} links`} · ${accepted} accepted`;
}

/** The sentences of a bead's two sides, where its links' words are read. */
export interface BeadSides {
  zh: readonly SentenceSpan[];
  en: readonly SentenceSpan[];
}

/**
 * The words a link joins, e.g. `中国 ↔ China`, read from its bead's sentences: links do not
 * carry their words (a long document has some ten links per bead).
 */
export function linkQuotes(bead: BeadSides, link: SpanLinkView): string {
  return `${quoteOf(bead.zh, linkSpan(link, "zh"))} ↔ ${quoteOf(bead.en, linkSpan(link, "en"))}`;
}

/** A link's tooltip, e.g. `中国 ↔ China · suggested (dictionary)`. */
export function linkTitle(bead: BeadSides, link: SpanLinkView): string {
  const why = link.reason ? ` (${link.reason})` : link.origin === "manual" ? " (by hand)" : "";
  return `${linkQuotes(bead, link)} · ${link.status}${why}`;
}

/** Where one end of a text selection lies: a sentence and a UTF-16 index into its text. */
export interface SelectionEnd {
  sentence: SentenceSpan;
  utf16: number;
}

/**
 * The span a text selection covers, from its start in one sentence to its end in the same
 * or a later sentence of the same side, in code points into the whole text. Whitespace at
 * either end is left out (a double-click often takes the space after a word), and an index
 * between the halves of a surrogate pair never cuts a character. Null when nothing but
 * whitespace is selected, or the selection is collapsed.
 */
export function selectionSpan(from: SelectionEnd, to: SelectionEnd): Span | null {
  if (from.sentence === to.sentence && from.utf16 >= to.utf16) return null;
  let start = from.sentence.start + utf16ToCodePoint(from.sentence.text, from.utf16);
  let end = to.sentence.start + utf16ToCodePoint(to.sentence.text, to.utf16);
  // The selection may end right after a character outside the BMP: round up, not down.
  if (to.utf16 > 0 && codePointToUtf16(to.sentence.text, end - to.sentence.start) < to.utf16) end += 1;
  const leading = /^\s*/u.exec(from.sentence.text.slice(from.utf16))?.[0] ?? "";
  const trailing = /\s*$/u.exec(to.sentence.text.slice(0, to.utf16))?.[0] ?? "";
  start += codePointLength(leading);
  end -= codePointLength(trailing);
  return start < end ? { start, end } : null;
}

/** The spans of a manual link waiting for `l`: the last zh and en text selections. */
export interface PendingLink {
  beadId: number;
  zh: Span | null;
  en: Span | null;
}

/**
 * The pending link after a new selection in bead `beadId` on side `lang`: it replaces that
 * side; a selection in another bead starts over from it.
 */
export function withSelection(pending: PendingLink | null, beadId: number, lang: Lang, span: Span): PendingLink {
  const base: PendingLink = pending && pending.beadId === beadId ? pending : { beadId, zh: null, en: null };
  return { ...base, [lang]: span };
}

/**
 * The text a span covers in some sentences of one side (a span may run over several
 * sentences of a bead; their parts are joined with a space).
 */
export function quoteOf(sentences: readonly SentenceSpan[], span: Span): string {
  // Sliced directly rather than through segmentSentence: rows call this for every link's
  // tooltip each time they draw.
  let quote = "";
  for (const sentence of sentences) {
    const length = codePointLength(sentence.text);
    const from = Math.max(span.start, sentence.start) - sentence.start;
    const to = Math.min(span.end - sentence.start, length);
    if (from >= to) continue;
    const part = sentence.text.slice(codePointToUtf16(sentence.text, from), codePointToUtf16(sentence.text, to));
    if (part === "") continue;
    quote = quote === "" ? part : `${quote} ${part}`;
  }
  return quote;
}
