/**
 * The alignment as rows of beads: number, the Chinese sentence(s), the English sentence(s),
 * the aligner's confidence, whether a person confirmed the bead and its span links.
 * Presentation only; the selection and every edit live in AlignmentPanel. Sentence text is
 * set as text (React text children, and `Text.data` in ./domPatch), never as HTML: a
 * sentence with span links is cut into pieces (./links) and each piece is a <span> around
 * its plain text, classed for the links covering it, drawn by ./domPatch. Inside every piece, entity mentions (./mentions) are nested <span>s, one per
 * mention covering it, each drawing its own underline at its level (nested and crossing
 * mentions stack). A long document renders only the rows in view, and their elements are
 * reused for the rows scrolling in (./rowSlots) rather than made anew.
 */
import {
  type MouseEvent,
  type Ref,
  type SyntheticEvent,
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { BeadView, SpanLinkView } from "./api";
import type { BeadSentenceView } from "./bindings/BeadSentenceView";
import type { EntityView } from "./bindings/EntityView";
import { type Lang, confidenceBucket, confidenceLabel, confidencePercent } from "./alignment";
import {
  type BeadSides,
  type PendingLink,
  type Span,
  linkCountText,
  linkCounts,
  linkSpan,
  linkTints,
  linkTitle,
  primaryLink,
  segmentSentence,
  selectionSpan,
} from "./links";
import {
  type BeadMentions,
  type MentionMark,
  layoutMentions,
  mentionCountText,
  mentionCounts,
  mentionPieces,
  mentionTitle,
  typeIndex,
} from "./mentions";
import { utf16ToCodePoint } from "./offsets";
import { DomPatcher } from "./domPatch";
import { afterPaint, markRowsPainted, markRowsUpdated } from "./perf";
import { assignSlots, steadyRange } from "./rowSlots";
import { WordGlossLayer } from "./WordGloss";

/** What the rows need to draw mentions. */
export interface MentionContext {
  /**
   * A bead's mentions (rejected ones only when shown); the same arrays for a bead as long
   * as neither it nor the mentions changed. A new function when the mentions changed.
   */
  of: (bead: BeadView) => BeadMentions;
  /** Accepted mentions with no counterpart on the other side of their bead, when shown. */
  oneSided: ReadonlySet<number> | null;
  entityTypes: string[];
  entities: Map<number, EntityView>;
}


/** A stretch of a bead's text to highlight (a search result), in code points into its side's text. */
export interface Highlight extends Span {
  beadId: number;
  lang: Lang;
  /** The result the search is on (drawn stronger). */
  current?: boolean;
}

const NO_HIGHLIGHTS: Highlight[] = [];

interface Props {
  beads: BeadView[];
  selected: number;
  /** The selected bead's current link (outlined on both sides), if any. */
  currentLink: number | null;
  /** The text selections waiting to be linked, if any. */
  pending: PendingLink | null;
  onSelect: (index: number) => void;
  /** A linked span was clicked: select its bead and make the link current. */
  onPickLink: (index: number, linkId: number) => void;
  mentions: MentionContext;
  /** The selected bead's current mention (outlined), if any. */
  currentMention: number | null;
  /** A mention was clicked: select its bead and make the mention current. */
  onPickMention: (index: number, mentionId: number) => void;
  label: string;
  /** Search results to highlight (marked inside the sentence pieces). */
  highlights?: readonly Highlight[];
  /** Receives the table's handle (scrolling a bead into view, rendered or not). */
  handle?: Ref<BeadTableHandle>;
}

export const beadElementId = (bead: Pick<BeadView, "id">) => `bead-${bead.id}`;

/** What the table lets its owner do besides focusing the list (the forwarded ref). */
export interface BeadTableHandle {
  /**
   * Scrolls the bead at `index` into view, by the least amount (like scrollIntoView's
   * "nearest"), clear of the sticky header. Works for rows not rendered yet.
   */
  scrollToIndex: (index: number) => void;
}

/**
 * Documents up to this many beads render every row (all of them searchable with the
 * webview's find and readable by the window tests); longer ones render the rows in view
 * and OVERSCAN more on each side, so a 10,000-bead document stays light and fast.
 */
export const RENDER_ALL_UP_TO = 300;
const OVERSCAN = 3;
/**
 * A first guess of a row's height (px) before it is measured: four lines of text, about a
 * statement's average (the sample's and the generated long document's rows measure 90-120
 * px). A guess below that renders more rows than fit on a jump, and drops them once
 * measured; the row pool (./rowSlots) then keeps rows that are not needed.
 */
const ESTIMATED_ROW = 100;

export const BeadTable = forwardRef<HTMLDivElement, Props>(function BeadTable(
  { beads, selected, currentLink, pending, onSelect, onPickLink, mentions, currentMention, onPickMention, label, highlights, handle },
  ref,
) {
  const active = beads[selected];
  // The scrolling list: the virtualiser's scroll element, and what `ref` gets (for focus).
  const listRef = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => listRef.current as HTMLDivElement, []);
  // The sticky header sits above the rows inside the list: the rows start below it, and a
  // row scrolled to must not end up under it.
  const headerRef = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header) return;
    const measure = () => setHeaderHeight(header.offsetHeight);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  // The same function until the beads change: a new one makes the virtualiser lay out all
  // 10,000 rows again (an array of keys and a pass over every row) on every scroll step.
  const getItemKey = useCallback((index: number) => beads[index]?.id ?? index, [beads]);
  const virtualised = beads.length > RENDER_ALL_UP_TO;
  const virtualizer = useVirtualizer({
    count: beads.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW,
    getItemKey,
    overscan: virtualised ? OVERSCAN : beads.length,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: 1200, height: 800 },
  });
  useImperativeHandle(
    handle,
    () => ({ scrollToIndex: (index: number) => virtualizer.scrollToIndex(index, { align: "auto" }) }),
    [virtualizer],
  );
  const inView = virtualizer.getVirtualItems();
  // As many rows as were ever rendered at once (./rowSlots), so a jump reuses them all.
  const pool = useRef(0);
  const range =
    inView.length === 0 ? null : steadyRange(inView[0]!.index, inView[inView.length - 1]!.index, beads.length, pool.current);
  const rows = range ? virtualizer.measurementsCache.slice(range.first, range.last + 1) : inView;
  useLayoutEffect(() => {
    pool.current = Math.max(pool.current, inView.length);
  });
  // Rows are keyed by slot (./rowSlots), so an element shows one bead, then another. The
  // virtualiser's own measuring remembers an element per bead and stops observing it when
  // the bead comes back in another element, so the rows are measured here: when an element
  // starts showing a bead (synchronously, before paint) and whenever its size changes.
  const resizeObserver = useMemo(
    () =>
      typeof ResizeObserver === "undefined"
        ? null
        : new ResizeObserver((entries) => {
            for (const entry of entries) {
              const row = entry.target as HTMLElement;
              if (!row.isConnected) continue;
              const size = Math.round(entry.borderBoxSize?.[0]?.blockSize ?? row.offsetHeight);
              virtualizer.resizeItem(Number(row.dataset.index), size);
            }
          }),
    [virtualizer],
  );
  useEffect(() => () => resizeObserver?.disconnect(), [resizeObserver]);
  // Rows that started showing another bead are measured together, once every row of the
  // commit has drawn its pieces (./domPatch draws them in the rows' layout effects): reading
  // one row's height while the rows after it still held their old, shorter beads made the
  // browser clamp the scroll position to the shorter list (End stopped 180 px short).
  const toMeasure = useRef(new Set<HTMLElement>());
  const measure = useCallback(
    (row: HTMLElement) => {
      toMeasure.current.add(row);
      resizeObserver?.observe(row);
      return () => {
        toMeasure.current.delete(row);
        resizeObserver?.unobserve(row);
      };
    },
    [resizeObserver],
  );
  // An ancestor's layout effects run after its descendants': every row has drawn by now.
  useLayoutEffect(() => {
    for (const row of toMeasure.current) {
      if (row.isConnected) virtualizer.resizeItem(Number(row.dataset.index), row.offsetHeight);
    }
    toMeasure.current.clear();
  });
  // The slots of the rows committed last; a render that React drops does not change them.
  const committedSlots = useRef<ReadonlyMap<number, number>>(new Map());
  const slots = assignSlots(
    committedSlots.current,
    rows.map((row) => row.index),
  );
  useLayoutEffect(() => {
    committedSlots.current = slots;
  });
  // Spacers above and below the rendered rows stand for the rows not rendered, so the
  // scrollbar covers the whole document and the rows stay in the normal flow.
  const firstRow = rows[0];
  const lastRow = rows[rows.length - 1];
  const before = firstRow ? firstRow.start - headerHeight : 0;
  const after = lastRow ? Math.max(0, virtualizer.getTotalSize() - (lastRow.end - headerHeight)) : 0;

  // Performance marks (./perf): the first rows painted, then every repaint of new data.
  const mountedWith = useRef<{ beads: BeadView[]; of: MentionContext["of"] } | null>(null);
  useLayoutEffect(() => {
    const first = mountedWith.current === null;
    if (!first && mountedWith.current?.beads === beads && mountedWith.current?.of === mentions.of) return;
    mountedWith.current = { beads, of: mentions.of };
    const shown = rows.length;
    afterPaint(first ? () => markRowsPainted(shown, beads.length) : markRowsUpdated);
    // Only new data counts here, not scrolling (hence not `rows` among the dependencies).
  }, [beads, mentions.of]);
  const highlightsByBead = useMemo(() => {
    const byBead = new Map<number, Highlight[]>();
    for (const highlight of highlights ?? []) {
      const list = byBead.get(highlight.beadId) ?? [];
      list.push(highlight);
      byBead.set(highlight.beadId, list);
    }
    return byBead;
  }, [highlights]);
  return (
    <div className="bead-table">
      <div
        ref={listRef}
        className="beads"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={active ? beadElementId(active) : undefined}
      >
        {/* Inside the scrolling list (sticky), so its columns line up with the rows'. */}
        <div ref={headerRef} className="bead-row bead-header" aria-hidden="true">
          <span className="bead-number">#</span>
          <span className="bead-side" lang="zh-Hans">
            中文 Chinese
          </span>
          <span className="bead-side">English</span>
          <span className="bead-confidence">Confidence</span>
          <span className="bead-status">Status</span>
        </div>
        <div className="bead-rows" role="presentation" style={{ paddingTop: before, paddingBottom: after }}>
        {(virtualised ? inSlotOrder(rows, slots) : rows).map(({ index }) => {
          const bead = beads[index];
          if (!bead) return null;
          return (
          <BeadRow
            // Slots only where rows scroll in and out; with every row rendered, a merge
            // then takes out one row instead of redrawing every row after it.
            key={virtualised ? slots.get(index) : bead.id}
            bead={bead}
            index={index}
            order={virtualised ? index : undefined}
            count={beads.length}
            measure={measure}
            selected={index === selected}
            // Only the rows these concern get them, so the other rows stay memoised.
            currentLink={index === selected ? currentLink : null}
            pending={pending?.beadId === bead.id ? pending : null}
            onSelect={onSelect}
            onPickLink={onPickLink}
            mentions={mentions.of(bead)}
            entityTypes={mentions.entityTypes}
            entities={mentions.entities}
            currentMention={index === selected ? currentMention : null}
            onPickMention={onPickMention}
            highlights={highlightsByBead.get(bead.id) ?? NO_HIGHLIGHTS}
            oneSided={mentions.oneSided}
          />
          );
        })}
        </div>
      </div>
      <WordGlossLayer root={listRef} />
    </div>
  );
});

/**
 * The rows in the order of their slots, which is the order their elements keep in the
 * document: each row is put in its place by its CSS `order` instead. Rendered in bead order,
 * a row whose slot comes before the others' in a new range (after a short scroll up, or when
 * a jump's rows are measured and the range shifts) made React move the elements after it,
 * and WebKit builds a moved element's layout boxes and styles again: eight of twelve rows
 * on every jump of a long document.
 */
function inSlotOrder<T extends { index: number }>(rows: readonly T[], slots: ReadonlyMap<number, number>): T[] {
  return [...rows].sort((a, b) => (slots.get(a.index) ?? 0) - (slots.get(b.index) ?? 0));
}

interface RowProps {
  bead: BeadView;
  index: number;
  /** Where the row stands (CSS `order`: its index, so a row that stays keeps it), when virtualised. */
  order: number | undefined;
  /** How many beads the document has (for assistive technology, as rows are virtualised). */
  count: number;
  /**
   * Measures the row for the virtualiser (rows have variable heights) and keeps measuring
   * it as it changes size, until the returned function is called.
   */
  measure: (row: HTMLElement) => () => void;
  selected: boolean;
  currentLink: number | null;
  pending: PendingLink | null;
  onSelect: (index: number) => void;
  onPickLink: (index: number, linkId: number) => void;
  mentions: BeadMentions;
  entityTypes: string[];
  entities: Map<number, EntityView>;
  currentMention: number | null;
  onPickMention: (index: number, mentionId: number) => void;
  highlights: Highlight[];
  oneSided: ReadonlySet<number> | null;
}

const BeadRow = memo(function BeadRow({
  bead,
  index,
  order,
  count,
  measure,
  selected,
  currentLink,
  pending,
  onSelect,
  onPickLink,
  mentions,
  entityTypes,
  entities,
  currentMention,
  onPickMention,
  highlights,
  oneSided,
}: RowProps) {
  // The link under the mouse (or focused): its spans on both sides are highlighted. Kept
  // with its bead, since the row's element goes on to show other beads.
  const [hover, setHover] = useState<{ beadId: number; linkId: number } | null>(null);
  const hovered = hover?.beadId === bead.id ? hover.linkId : null;
  const setHovered = useCallback(
    (linkId: number | null) => setHover(linkId === null ? null : { beadId: bead.id, linkId }),
    [bead.id],
  );
  const rowRef = useRef<HTMLDivElement>(null);
  // Measured again when the element starts showing another bead.
  useLayoutEffect(() => (rowRef.current ? measure(rowRef.current) : undefined), [measure, index]);
  const tints = useMemo(() => linkTints(bead.links), [bead.links]);
  const counts = linkCounts(bead.links);
  const marks: LinkMarks = { bead, links: bead.links, tints, current: currentLink, hovered };
  // One handler per row for the links' and names' clicks, hover and focus, not five per
  // piece: a row has dozens of pieces, and a long document draws rows on every scroll.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const mention = markUnder(event, "[data-mention]");
    if (mention) onPickMention(index, Number(mention.dataset.mention));
    const link = markUnder(event, ".link[data-link]");
    if (link) onPickLink(index, Number(link.dataset.link));
    onSelect(index);
  };
  const hoverLink = (event: SyntheticEvent<HTMLElement>) => {
    const link = markUnder(event, ".link[data-link]");
    const id = link ? Number(link.dataset.link) : null;
    if (id !== hovered) setHovered(id);
  };
  const zhMarks = useMemo(() => layoutMentions(mentions.zh), [mentions.zh]);
  const enMarks = useMemo(() => layoutMentions(mentions.en), [mentions.en]);
  const names = mentionCounts([...mentions.zh, ...mentions.en]);
  const current = currentMention === null ? undefined : [...mentions.zh, ...mentions.en].find((m) => m.id === currentMention);
  const drawZh: MentionDraw = { marks: zhMarks, entityTypes, entities, current: currentMention, oneSided };
  const drawEn: MentionDraw = { ...drawZh, marks: enMarks };
  const bucket = confidenceBucket(bead.confidence);
  const confirmed = bead.status === "confirmed";
  const classes = ["bead-row", "bead", `bead-${bucket}`];
  if (selected) classes.push("selected");
  if (confirmed) classes.push("confirmed");
  return (
    <div
      ref={rowRef}
      data-index={index}
      id={beadElementId(bead)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      style={order === undefined ? undefined : { order }}
      className={classes.join(" ")}
      data-position={bead.position}
      data-bead-id={bead.id}
      data-status={bead.status}
      data-link-count={counts.links}
      data-accepted-count={counts.accepted}
      data-current-link={currentLink ?? undefined}
      data-current-link-status={bead.links.find((link) => link.id === currentLink)?.status}
      data-mention-count={names.mentions}
      data-current-mention={current?.id}
      data-current-mention-status={current?.status}
      onClick={onClick}
      onMouseOver={hoverLink}
      onMouseLeave={() => hovered !== null && setHovered(null)}
      onFocus={hoverLink}
      onBlur={() => hovered !== null && setHovered(null)}
    >
      <span className="bead-number">{bead.position + 1}</span>
      <Side sentences={bead.zh} lang="zh" marks={marks} pending={pending?.zh ?? null} names={drawZh} highlights={highlights} />
      <Side sentences={bead.en} lang="en" marks={marks} pending={pending?.en ?? null} names={drawEn} highlights={highlights} />
      <Confidence value={bead.confidence} />
      <span className="bead-status">
        {confirmed && (
          <span className="confirmed-mark" role="img" aria-label="confirmed" title="Confirmed">
            ✓
          </span>
        )}
        {bead.origin === "manual" && (
          <span className="edited-mark" title="Changed by hand">
            edited
          </span>
        )}
        {counts.links > 0 && <span className="link-count">{linkCountText(counts)}</span>}
        {names.mentions > 0 && <span className="mention-count">{mentionCountText(names)}</span>}
      </span>
    </div>
  );
});

/** What a side needs to draw a bead's links. */
interface LinkMarks {
  /** The bead's sentences, where the links' words are read for their tooltips. */
  bead: BeadSides;
  links: SpanLinkView[];
  tints: Map<number, number>;
  current: number | null;
  hovered: number | null;
}

/** A stretch of a side's text to mark: a link's span, or the pending selection (null), or a search result (`hit`). */
interface Mark extends Span {
  link: SpanLinkView | null;
  hit?: Highlight;
}

/** What a side needs to draw its mentions. */
interface MentionDraw {
  /** The side's mentions with their underline levels. */
  marks: MentionMark[];
  entityTypes: string[];
  entities: Map<number, EntityView>;
  current: number | null;
  oneSided: ReadonlySet<number> | null;
}

interface SideProps {
  sentences: BeadSentenceView[];
  lang: Lang;
  marks: LinkMarks;
  pending: Span | null;
  names: MentionDraw;
  highlights: Highlight[];
}

function Side({ sentences, lang, marks, pending, names, highlights }: SideProps) {
  const spans: Mark[] = marks.links.map((link) => ({ ...linkSpan(link, lang), link }));
  if (pending) spans.push({ ...pending, link: null });
  for (const hit of highlights) if (hit.lang === lang) spans.push({ start: hit.start, end: hit.end, link: null, hit });
  return (
    <div
      className={`bead-side bead-${lang}${names.marks.length > 0 ? " has-mentions" : ""}`}
      lang={lang === "zh" ? "zh-Hans" : "en"}
      data-lang={lang}
    >
      {sentences.length === 0 ? (
        <span className="no-counterpart">— (no counterpart)</span>
      ) : (
        // Keyed by place, not id: a row's element goes on to show other beads, and its
        // paragraphs are reused rather than made anew (and ./domPatch reuses the pieces).
        sentences.map((sentence, place) => (
          <p key={place} className="sentence" data-ordinal={sentence.ordinal}>
            <span className="sentence-number" aria-hidden="true">
              {sentence.ordinal + 1}
            </span>
            <SentenceText sentence={sentence} spans={spans} lang={lang} marks={marks} names={names} />
          </p>
        ))
      )}
    </div>
  );
}

/** The drawing pass of ./domPatch, one for every sentence (layout effects run one at a time). */
const PATCHER = new DomPatcher();

interface SentenceTextProps {
  sentence: BeadSentenceView;
  spans: Mark[];
  lang: Lang;
  marks: LinkMarks;
  names: MentionDraw;
}

/**
 * A sentence's text, cut into pieces at the links, the pending selection and the search
 * results covering it, with its names inside. React makes the element; its pieces are drawn
 * into it by ./domPatch (why: see there), reusing the spans already at each place.
 */
function SentenceText({ sentence, spans, lang, marks, names }: SentenceTextProps) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    PATCHER.start(element);
    for (const piece of segmentSentence(sentence, spans)) {
      drawPiece(PATCHER, piece.text, piece.start, piece.end, piece.marks, lang, marks, names);
    }
    PATCHER.finish();
  });
  return <span ref={ref} className="sentence-text" data-sentence-id={sentence.id} data-start={sentence.start} />;
}

/**
 * A piece of a sentence: a span, for the links (and selection) covering it or none, with
 * its mentions inside; a search result covering it is drawn around it.
 */
function drawPiece(
  patcher: DomPatcher,
  plain: string,
  start: number,
  end: number,
  covering: readonly Mark[],
  lang: Lang,
  marks: LinkMarks,
  names: MentionDraw,
) {
  const hit = covering.find((mark) => mark.hit);
  if (hit) {
    const current = covering.some((mark) => mark.hit?.current);
    patcher.open("mark");
    patcher.set("class", current ? "search-hit search-hit-current" : "search-hit");
    patcher.set("data-search-hit", current ? "current" : "other");
    drawPiece(patcher, plain, start, end, covering.filter((mark) => !mark.hit), lang, marks, names);
    patcher.close();
    return;
  }
  patcher.open("span");
  const links = covering.flatMap((mark) => (mark.link ? [mark.link] : []));
  const primary = primaryLink(links, lang);
  if (covering.length === 0) {
    patcher.set("class", "piece");
  } else if (!primary) {
    patcher.set("class", "pending-span");
    patcher.set("data-pending", "true");
    patcher.set("title", "Selected for a new link (press l)");
  } else {
    const ids = links.map((link) => link.id);
    const classes = ["link", `link-${primary.status}`, `tint-${marks.tints.get(primary.id) ?? 0}`];
    if (marks.current !== null && ids.includes(marks.current)) classes.push("current");
    if (marks.hovered !== null && ids.includes(marks.hovered)) classes.push("partner");
    if (links.length < covering.length) classes.push("pending-span");
    patcher.set("class", classes.join(" "));
    patcher.set("data-link", String(primary.id));
    patcher.set("data-links", ids.join(" "));
    patcher.set("data-status", primary.status);
    patcher.set("data-reason", primary.reason);
    patcher.set("title", links.map((link) => linkTitle(marks.bead, link)).join("\n"));
    // Focusable by mouse (not in the Tab order): focus highlights the partner like hover
    // (the row handles both, and the click).
    patcher.set("tabindex", "-1");
  }
  drawMentions(patcher, plain, start, end, names);
  patcher.close();
}

/**
 * A stretch of text with the mentions covering it: the text alone where none does, else a
 * span per stretch, with one span per mention covering it inside (outermost level first),
 * each underlined at its own level in its type's colour.
 */
function drawMentions(patcher: DomPatcher, text: string, start: number, end: number, names: MentionDraw) {
  const inside = names.marks.filter((mark) => mark.start < end && mark.end > start);
  if (inside.length === 0) {
    patcher.text(text);
    return;
  }
  for (const piece of mentionPieces({ text, start, end }, inside)) {
    if (piece.marks.length === 0) {
      patcher.open("span");
      patcher.text(piece.text);
      patcher.close();
      continue;
    }
    for (const mark of piece.marks) {
      const mention = mark.mention;
      const oneSided = names.oneSided?.has(mention.id) ?? false;
      const classes = [
        "mention",
        `mention-${mention.status}`,
        `mtype-${typeIndex(names.entityTypes, mention.typeName)}`,
        `depth-${mark.depth}`,
      ];
      if (mention.id === names.current) classes.push("current");
      if (mention.entityId !== null) classes.push("linked");
      if (oneSided) classes.push("one-sided");
      patcher.open("span");
      patcher.set("class", classes.join(" "));
      patcher.set("data-mention", String(mention.id));
      patcher.set("data-status", mention.status);
      patcher.set("data-type", mention.typeName);
      patcher.set("data-origin", mention.origin);
      patcher.set("data-entity", mention.entityId === null ? null : String(mention.entityId));
      patcher.set("data-depth", String(mark.depth));
      patcher.set(
        "title",
        mentionTitle(mention, mention.entityId === null ? null : names.entities.get(mention.entityId)) +
          (oneSided ? "\nNo counterpart on the other side of the bead" : ""),
      );
    }
    patcher.text(piece.text);
    for (let level = 0; level < piece.marks.length; level += 1) patcher.close();
  }
}

/** A text selection in one side of one bead, as a span in code points into that text. */
export interface SelectedSpan {
  beadId: number;
  lang: Lang;
  span: Span;
}

/**
 * The span the window's text selection covers, if it starts and ends in the same side of
 * one bead (ends outside the sentences' text, as a triple-click makes, are clamped to the
 * nearest sentence); null otherwise or when it covers only whitespace.
 */
export function selectedSpan(selection: Selection | null, beads: readonly BeadView[]): SelectedSpan | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const side = elementOf(range.startContainer)?.closest<HTMLElement>(".bead-side[data-lang]");
  if (!side) return null;
  const endSide = elementOf(range.endContainer)?.closest(".bead-side[data-lang]");
  if (endSide && endSide !== side) return null;
  const row = side.closest<HTMLElement>(".bead[data-bead-id]");
  const bead = beads.find((b) => String(b.id) === row?.dataset.beadId);
  const lang = side.dataset.lang;
  if (!bead || (lang !== "zh" && lang !== "en")) return null;
  const texts = Array.from(side.querySelectorAll<HTMLElement>(".sentence-text[data-sentence-id]"));
  const from = selectionEnd(texts, range.startContainer, range.startOffset, "start");
  const to = selectionEnd(texts, range.endContainer, range.endOffset, "end");
  if (!from || !to) return null;
  const sentenceOf = (el: HTMLElement) => bead[lang].find((s) => String(s.id) === el.dataset.sentenceId);
  const first = sentenceOf(from.el);
  const last = sentenceOf(to.el);
  if (!first || !last) return null;
  const span = selectionSpan({ sentence: first, utf16: from.utf16 }, { sentence: last, utf16: to.utf16 });
  return span && { beadId: bead.id, lang, span };
}

/** Where a click left the caret in a sentence: the place `b` splits it at. */
export interface Caret {
  beadId: number;
  lang: Lang;
  sentenceId: number;
  /** Code points into the side's text. */
  at: number;
}

/**
 * The caret of a collapsed selection (a click in a sentence's text), in code points into
 * its side's text; `null` outside a sentence's text or for a selection that is not
 * collapsed. A caret inside a character outside the BMP (between its two UTF-16 halves)
 * counts as before it.
 */
export function caretIn(selection: Selection | null, beads: readonly BeadView[]): Caret | null {
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const text = elementOf(range.startContainer)?.closest<HTMLElement>(".sentence-text[data-sentence-id]");
  const side = text?.closest<HTMLElement>(".bead-side[data-lang]");
  const row = side?.closest<HTMLElement>(".bead[data-bead-id]");
  const lang = side?.dataset.lang;
  if (!text || (lang !== "zh" && lang !== "en")) return null;
  const bead = beads.find((b) => String(b.id) === row?.dataset.beadId);
  const sentence = bead?.[lang].find((s) => String(s.id) === text.dataset.sentenceId);
  if (!bead || !sentence) return null;
  const before = text.ownerDocument.createRange();
  before.selectNodeContents(text);
  before.setEnd(range.startContainer, range.startOffset);
  const utf16 = Math.min(before.toString().length, sentence.text.length);
  const at = sentence.start + utf16ToCodePoint(sentence.text, utf16);
  return { beadId: bead.id, lang, sentenceId: sentence.id, at };
}

/**
 * The innermost element matching `selector` that the event's target is in, inside the
 * element handling it (a row), or null.
 */
function markUnder(event: SyntheticEvent<HTMLElement>, selector: string): HTMLElement | null {
  const target = event.target instanceof Element ? event.target : null;
  const found = target?.closest<HTMLElement>(selector);
  return found && event.currentTarget.contains(found) ? found : null;
}

function elementOf(node: Node): Element | null {
  return node instanceof Element ? node : node.parentElement;
}

/**
 * Which sentence text one end of a selection falls in, and the UTF-16 index into it: the
 * start goes to the first sentence not wholly before it, the end to the last not wholly
 * after it.
 */
function selectionEnd(
  texts: HTMLElement[],
  node: Node,
  offset: number,
  edge: "start" | "end",
): { el: HTMLElement; utf16: number } | null {
  const ordered = edge === "start" ? texts : [...texts].reverse();
  for (const el of ordered) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    const where = range.comparePoint(node, offset);
    if (where === 0) {
      range.setEnd(node, offset);
      return { el, utf16: range.toString().length };
    }
    if (edge === "start" && where < 0) return { el, utf16: 0 };
    if (edge === "end" && where > 0) return { el, utf16: el.textContent?.length ?? 0 };
  }
  return null;
}

function Confidence({ value }: { value: number }) {
  const percent = confidencePercent(value);
  const bucket = confidenceBucket(value);
  return (
    <span
      className={`bead-confidence confidence confidence-${bucket}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={confidenceLabel(value)}
      data-bucket={bucket}
    >
      <span className="confidence-bar" aria-hidden="true">
        <span className="confidence-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="confidence-value">{`${percent}%`}</span>
    </span>
  );
}
