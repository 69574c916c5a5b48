/**
 * The pure logic of entity mentions in the alignment editor, kept apart from React so it is
 * unit-tested: which mentions lie in a bead, how overlapping and nested mentions are laid
 * out in stacked underlines (a depth per mention), cutting a piece of a sentence into
 * stretches covered by the same mentions, the order in which Tab walks a bead's mentions,
 * the mention under a caret or selection, the type keys 1–9, and the entity picker's filter.
 * Mention offsets are code points into the whole zh or en text, like span links; every
 * conversion to UTF-16 goes through ./offsets (via ./links' `segmentSentence`).
 */
import type { BeadView } from "./bindings/BeadView";
import type { EntityView } from "./bindings/EntityView";
import type { MentionEdit } from "./bindings/MentionEdit";
import type { MentionView } from "./bindings/MentionView";
import type { Lang } from "./alignment";
import { type Piece, type SentenceSpan, type Span, segmentSentence } from "./links";
import { foldName } from "./fold";

/** How many underline levels are drawn; deeper mentions share the lowest one. */
export const MAX_DEPTH = 3;

/** A mention placed for drawing: its underline level, 0 nearest the text. */
export interface MentionMark extends Span {
  mention: MentionView;
  depth: number;
}

/** Mentions in reading order: by start, the longer (outer) one first, then id. */
export function orderMentions<T extends Pick<MentionView, "start" | "end" | "id">>(mentions: readonly T[]): T[] {
  return [...mentions].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
}

/**
 * Gives each mention of one side an underline level so that no two overlapping mentions
 * share one: in reading order (outer before inner), each takes the lowest level free of
 * the mentions it overlaps. A mention nested in another lies one level further from the
 * text than it; crossing mentions likewise. Levels past {@link MAX_DEPTH} − 1 are clamped.
 */
export function layoutMentions(mentions: readonly MentionView[]): MentionMark[] {
  const ordered = orderMentions(mentions.filter((m) => m.start < m.end));
  const placed: MentionMark[] = [];
  for (const mention of ordered) {
    const taken = new Set(
      placed.filter((p) => p.start < mention.end && p.end > mention.start).map((p) => p.depth),
    );
    let depth = 0;
    while (taken.has(depth)) depth += 1;
    placed.push({ start: mention.start, end: mention.end, mention, depth });
  }
  return placed.map((mark) => ({ ...mark, depth: Math.min(mark.depth, MAX_DEPTH - 1) }));
}

/**
 * Cuts a stretch of a sentence (a whole sentence, or one of its link pieces) into pieces
 * covered by one fixed set of mentions each; a piece's marks are sorted outermost level
 * first, so nesting the spans in that order draws every underline.
 */
export function mentionPieces(stretch: SentenceSpan, marks: readonly MentionMark[]): Piece<MentionMark>[] {
  return segmentSentence(stretch, marks).map((piece) => ({
    ...piece,
    marks: [...piece.marks].sort((a, b) => a.depth - b.depth || a.mention.id - b.mention.id),
  }));
}

/** The range of code points the sentences of one side of a bead cover, or null if none. */
export function sideRange(sentences: readonly Span[]): Span | null {
  if (sentences.length === 0) return null;
  return {
    start: Math.min(...sentences.map((s) => s.start)),
    end: Math.max(...sentences.map((s) => s.end)),
  };
}

/** The mentions of one bead, zh then en, each side in reading order. */
export interface BeadMentions {
  zh: MentionView[];
  en: MentionView[];
}

/** A bead's mentions in the order Tab walks them: the Chinese side, then the English. */
export function walkOrder(mentions: BeadMentions): MentionView[] {
  return [...orderMentions(mentions.zh), ...orderMentions(mentions.en)];
}

/**
 * The mention Tab (delta 1) or Shift+Tab (delta −1) moves to from `current`, wrapping
 * around; from none (or one no longer listed) Tab starts at the first and Shift+Tab at the
 * last. Null when there is none.
 */
export function cycleMention(ordered: readonly MentionView[], current: number | null, delta: 1 | -1): number | null {
  if (ordered.length === 0) return null;
  const index = current === null ? -1 : ordered.findIndex((m) => m.id === current);
  const at = index < 0 ? (delta > 0 ? 0 : ordered.length - 1) : (index + delta + ordered.length) % ordered.length;
  return ordered[at]?.id ?? null;
}

/**
 * The mention under a caret (`start === end`) or a selection on one side: the innermost
 * (shortest) mention containing it; else, for a selection, the one overlapping it most.
 * Ties go to reading order. Null when none touches it.
 */
export function mentionAt(mentions: readonly MentionView[], lang: Lang, at: Span): MentionView | null {
  const side = orderMentions(mentions.filter((m) => m.lang === lang));
  const caret = at.start === at.end;
  const containing = side.filter((m) =>
    caret ? m.start <= at.start && at.start < m.end : m.start <= at.start && at.end <= m.end,
  );
  if (containing.length > 0) {
    return containing.reduce((best, m) => (m.end - m.start < best.end - best.start ? m : best));
  }
  if (caret) return null;
  let best: MentionView | null = null;
  let bestOverlap = 0;
  for (const m of side) {
    const overlap = Math.min(m.end, at.end) - Math.max(m.start, at.start);
    if (overlap > bestOverlap) {
      best = m;
      bestOverlap = overlap;
    }
  }
  return best;
}

/** The entity type key `1`–`9` stands for (the schema's types in order), or null. */
export function typeForKey(entityTypes: readonly string[], key: string): string | null {
  if (!/^[1-9]$/.test(key)) return null;
  return entityTypes[Number(key) - 1] ?? null;
}

/** The colour class index of a type: its place in the schema (types past 9 cycle). */
export function typeIndex(entityTypes: readonly string[], typeName: string): number {
  const index = entityTypes.indexOf(typeName);
  return index < 0 ? 9 : index % 9;
}

/** The ids of a bead's suggested mentions (what `Y` accepts, in one step). */
export function suggestedMentions(mentions: readonly MentionView[]): number[] {
  return mentions.filter((m) => m.status === "suggested").map((m) => m.id);
}

export interface MentionCounts {
  mentions: number;
  accepted: number;
}

export function mentionCounts(mentions: readonly Pick<MentionView, "status">[]): MentionCounts {
  return {
    mentions: mentions.filter((m) => m.status !== "rejected").length,
    accepted: mentions.filter((m) => m.status === "accepted").length,
  };
}

/** The status cell's count, e.g. "5 names · 2 accepted"; empty for a bead without any. */
export function mentionCountText({ mentions, accepted }: MentionCounts): string {
  if (mentions === 0) return "";
  return `${mentions === 1 ? "1 name" : `${mentions} names`} · ${accepted} accepted`;
}

/** A mention's tooltip, e.g. `十四所 · organisation · suggested (registry) · → 中国电子科技集团公司第十四研究所`. */
export function mentionTitle(mention: MentionView, entity?: Pick<EntityView, "nameZh" | "nameEn"> | null): string {
  const origin = mention.origin === "manual" ? "by hand" : mention.origin;
  const linked = entity ? ` · → ${entityLabel(entity)}` : mention.entityId !== null ? ` · → entity ${mention.entityId}` : "";
  const orphaned = mention.orphaned ? " · orphaned" : "";
  return `${mention.quote} · ${mention.typeName} · ${mention.status} (${origin})${linked}${orphaned}`;
}

/** An entity's name for people: both preferred names where it has them. */
export function entityLabel(entity: Pick<EntityView, "nameZh" | "nameEn">): string {
  const names = [entity.nameZh, entity.nameEn].filter((n): n is string => !!n);
  return names.length > 0 ? names.join(" / ") : "(unnamed)";
}

/** Every name of an entity: preferred names, aliases and its key. */
export function entityNames(entity: EntityView): string[] {
  const names = [entity.nameZh, entity.nameEn, entity.key, ...entity.aliases.map((a) => a.text)];
  return names.filter((n): n is string => !!n);
}

/**
 * The entities a picker shows for `query`: those with a name (preferred, alias or key)
 * containing it, ignoring case and width; all of them for an
 * empty query. Entities of `preferType` come first, then exact name matches, then the
 * rest by label.
 */
export function filterEntities(entities: readonly EntityView[], query: string, preferType?: string): EntityView[] {
  const q = foldName(query);
  const scored: { entity: EntityView; score: number }[] = [];
  for (const entity of entities) {
    const names = entityNames(entity).map(foldName);
    if (q !== "" && !names.some((n) => n.includes(q))) continue;
    let score = 0;
    if (preferType !== undefined && entity.typeName === preferType) score -= 2;
    if (q !== "" && names.includes(q)) score -= 1;
    scored.push({ entity, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || entityLabel(a.entity).localeCompare(entityLabel(b.entity)) || a.entity.id - b.entity.id)
    .map((s) => s.entity);
}

/** The mentions added by an edit: those in `after` whose id is not in `before`. */
export function addedMentions(before: readonly MentionView[], after: readonly MentionView[]): MentionView[] {
  const old = new Set(before.map((m) => m.id));
  return after.filter((m) => !old.has(m.id));
}

/**
 * The mention to make current after `gone` is rejected (and hidden) or deleted: the one
 * after it in walking order, else the one before, else none.
 */
export function afterMention(ordered: readonly MentionView[], gone: number): number | null {
  const index = ordered.findIndex((m) => m.id === gone);
  if (index < 0) return null;
  const next = ordered[index + 1] ?? ordered[index - 1];
  return next ? next.id : null;
}

/**
 * The document's mentions after a mention edit: the edit answers with only the mentions it
 * added or changed and the ids it deleted (a long document has tens of thousands), and the
 * window patches its copy. Changed mentions keep their place in the list, new ones come
 * last (the views sort by offsets anyway).
 */
export function applyMentionEdit(
  mentions: readonly MentionView[],
  edit: Pick<MentionEdit, "updated" | "removed">,
): MentionView[] {
  const updated = new Map(edit.updated.map((m) => [m.id, m]));
  const removed = new Set(edit.removed);
  const kept: MentionView[] = [];
  for (const mention of mentions) {
    if (removed.has(mention.id)) continue;
    const now = updated.get(mention.id);
    if (now) updated.delete(mention.id);
    kept.push(now ?? mention);
  }
  for (const added of updated.values()) kept.push(added);
  return kept;
}

/**
 * The document's mentions, each side sorted in reading order, for finding a bead's mentions
 * when its row is drawn (a binary search over the side's range) instead of sorting every
 * mention into every bead after each edit: a 10,000-bead document has tens of thousands of
 * mentions and shows a few dozen rows. A bead's mentions are remembered per bead object, so
 * rows whose bead and mentions did not change keep the same arrays (and stay memoised).
 * Mentions of other text revisions than `textIds` are left out. Immutable: `withEdit`
 * returns a new index.
 */
export class MentionIndex {
  private readonly cache: BeadCaches = new Map();

  private constructor(
    private readonly sides: Readonly<Record<Lang, readonly MentionView[]>>,
    private readonly textIds: { zh: number; en: number },
    /**
     * The previous index's remembered beads and where its edit added, moved or removed
     * mentions: a bead none of them falls in keeps its arrays, so after tagging one name
     * only that name's row draws again, not every row in view.
     */
    private readonly inherited: { cache: BeadCaches; touched: Record<Lang, number[]> } | null = null,
  ) {}

  static build(mentions: readonly MentionView[], textIds: { zh: number; en: number }): MentionIndex {
    const ordered = orderMentions(mentions.filter((m) => m.textId === textIds[m.lang]));
    return new MentionIndex(
      { zh: ordered.filter((m) => m.lang === "zh"), en: ordered.filter((m) => m.lang === "en") },
      textIds,
    );
  }

  /** The index after a mention edit: its changed mentions moved to their place, new ones put in, deleted ones taken out. */
  withEdit(edit: Pick<MentionEdit, "updated" | "removed">): MentionIndex {
    const gone = new Set([...edit.removed, ...edit.updated.map((m) => m.id)]);
    // Only a side the edit changed is copied: a long document's side has tens of thousands
    // of mentions, and each copy is garbage once the next edit comes.
    const sides: Record<Lang, readonly MentionView[]> = { ...this.sides };
    // Where a bead's list of mentions may have changed: the old and new starts (a bead
    // lists the mentions starting inside it).
    const touched: Record<Lang, number[]> = { zh: [], en: [] };
    if (gone.size > 0) {
      for (const lang of ["zh", "en"] as const) {
        if (!sides[lang].some((m) => gone.has(m.id))) continue;
        sides[lang] = sides[lang].filter((m) => {
          if (!gone.has(m.id)) return true;
          touched[lang].push(m.start);
          return false;
        });
      }
    }
    const added: Record<Lang, MentionView[]> = { zh: [], en: [] };
    for (const mention of edit.updated) {
      if (mention.textId !== this.textIds[mention.lang]) continue;
      added[mention.lang].push(mention);
      touched[mention.lang].push(mention.start);
    }
    for (const lang of ["zh", "en"] as const) {
      if (added[lang].length === 0) continue;
      // A side already filtered above is a copy of our own; else copy it now.
      const side = sides[lang] === this.sides[lang] ? [...sides[lang]] : (sides[lang] as MentionView[]);
      for (const mention of added[lang]) side.splice(firstAfter(side, mention), 0, mention);
      sides[lang] = side;
    }
    return new MentionIndex(sides, this.textIds, { cache: this.cache, touched });
  }

  /** The bead's mentions, zh then en, each in reading order; rejected ones only if shown. */
  of(bead: Pick<BeadView, "zh" | "en">, showRejected: boolean): BeadMentions {
    let cache = this.cache.get(showRejected);
    if (!cache) {
      cache = new WeakMap();
      this.cache.set(showRejected, cache);
    }
    const known = cache.get(bead) ?? this.unchangedSinceEdit(bead, showRejected);
    if (known) {
      cache.set(bead, known);
      return known;
    }
    const found: BeadMentions = { zh: [], en: [] };
    for (const lang of ["zh", "en"] as const) {
      const range = sideRange(bead[lang]);
      if (!range) continue;
      const side = this.sides[lang];
      for (let i = firstStartingAt(side, range.start); i < side.length && side[i]!.start < range.end; i++) {
        const mention = side[i]!;
        if (showRejected || mention.status !== "rejected") found[lang].push(mention);
      }
    }
    cache.set(bead, found);
    return found;
  }

  /** The previous index's mentions of the bead, if it had them and the edit did not touch the bead. */
  private unchangedSinceEdit(bead: Pick<BeadView, "zh" | "en">, showRejected: boolean): BeadMentions | undefined {
    const before = this.inherited?.cache.get(showRejected)?.get(bead);
    if (!before || !this.inherited) return undefined;
    for (const lang of ["zh", "en"] as const) {
      const range = sideRange(bead[lang]);
      if (range && this.inherited.touched[lang].some((start) => range.start <= start && start < range.end)) return undefined;
    }
    return before;
  }
}

/** A bead's mentions remembered per bead object, for each setting of "show rejected". */
type BeadCaches = Map<boolean, WeakMap<object, BeadMentions>>;

/** The first index of a side (sorted by start) whose mention starts at or after `start`. */
function firstStartingAt(side: readonly MentionView[], start: number): number {
  let lo = 0;
  let hi = side.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (side[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where `mention` goes in a side kept in reading order (after every mention before it). */
function firstAfter(side: readonly MentionView[], mention: MentionView): number {
  const before = (a: MentionView, b: MentionView) => a.start - b.start || b.end - a.end || a.id - b.id;
  let lo = 0;
  let hi = side.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(side[mid]!, mention) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
