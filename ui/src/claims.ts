/**
 * The pure part of the claims and evidence panel: filtering and sorting the claims table,
 * the status chips, the evidence balance, the Admiralty grade of a source (with the checks
 * made before a source is sent to Rust) and the display of a claim's fuzzy time. Nothing
 * here touches React or the IPC, so all of it is unit-tested (claims.test.ts).
 */
import type { AnchorView } from "./bindings/AnchorView";
import type { ClaimLinkKind } from "./bindings/ClaimLinkKind";
import type { ClaimLinkView } from "./bindings/ClaimLinkView";
import type { ClaimStatus } from "./bindings/ClaimStatus";
import type { ClaimTime } from "./bindings/ClaimTime";
import type { ClaimView } from "./bindings/ClaimView";
import type { EntityView } from "./bindings/EntityView";
import type { EvidenceView } from "./bindings/EvidenceView";
import type { NewSource } from "./bindings/NewSource";
import type { SourceKind } from "./bindings/SourceKind";
import type { Stance } from "./bindings/Stance";

// ---------------------------------------------------------------------------------------
// Statuses

/** The statuses in the order the table sorts and the filter lists them. */
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  "unverified",
  "supported",
  "contradicted",
  "disputed",
  "unverifiable",
];

export interface StatusChip {
  /** Shown on the chip. */
  label: string;
  /** A symbol beside the label, so the status does not rest on colour alone. */
  symbol: string;
  /** The chip's class; its colours are CSS variables of claims.css (light and dark). */
  className: string;
  /** The CSS colour of the status (for borders and dots outside the chip). */
  color: string;
}

const STATUS_CHIPS: Record<ClaimStatus, StatusChip> = {
  unverified: chip("unverified", "Unverified", "?"),
  supported: chip("supported", "Supported", "✓"),
  contradicted: chip("contradicted", "Contradicted", "✗"),
  disputed: chip("disputed", "Disputed", "⇄"),
  unverifiable: chip("unverifiable", "Unverifiable", "∅"),
};

function chip(status: ClaimStatus, label: string, symbol: string): StatusChip {
  return {
    label,
    symbol,
    className: `claim-chip claim-chip-${status}`,
    color: `var(--claim-${status})`,
  };
}

/** Label, symbol and colour of a status chip. */
export function statusChip(status: ClaimStatus): StatusChip {
  return STATUS_CHIPS[status];
}

/** Position of a status in CLAIM_STATUSES (unknown spellings last). */
export function statusRank(status: ClaimStatus): number {
  const rank = CLAIM_STATUSES.indexOf(status);
  return rank < 0 ? CLAIM_STATUSES.length : rank;
}

export function isClaimStatus(value: string): value is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------
// Evidence

export interface EvidenceBalance {
  supports: number;
  contradicts: number;
  context: number;
  /** supports − contradicts. */
  net: number;
}

/** How many sources support, contradict or give context to the claim. */
export function evidenceBalance(claim: Pick<ClaimView, "evidence">): EvidenceBalance {
  let supports = 0;
  let contradicts = 0;
  let context = 0;
  for (const piece of claim.evidence) {
    if (piece.stance === "supports") supports += 1;
    else if (piece.stance === "contradicts") contradicts += 1;
    else context += 1;
  }
  return { supports, contradicts, context, net: supports - contradicts };
}

/** "+2 −1" (a true minus sign); "0" when nothing supports or contradicts the claim. */
export function balanceText(balance: EvidenceBalance): string {
  if (balance.supports === 0 && balance.contradicts === 0) return "0";
  return `+${balance.supports} \u2212${balance.contradicts}`;
}

/** "2 supporting, 1 contradicting, 1 context" for screen readers and tooltips. */
export function balanceDescription(balance: EvidenceBalance): string {
  const parts = [`${balance.supports} supporting`, `${balance.contradicts} contradicting`];
  if (balance.context > 0) parts.push(`${balance.context} context`);
  return parts.join(", ");
}

export const STANCES: readonly Stance[] = ["supports", "contradicts", "context"];

const STANCE_LABELS: Record<Stance, string> = {
  supports: "Supports",
  contradicts: "Contradicts",
  context: "Context",
};

export function stanceLabel(stance: Stance): string {
  return STANCE_LABELS[stance];
}

/** The claim's evidence by stance, each group in id order. */
export function evidenceByStance(claim: Pick<ClaimView, "evidence">): Record<Stance, EvidenceView[]> {
  const groups: Record<Stance, EvidenceView[]> = { supports: [], contradicts: [], context: [] };
  for (const piece of [...claim.evidence].sort((a, b) => a.id - b.id)) {
    (groups[piece.stance] ?? groups.context).push(piece);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------
// Sources and the Admiralty grade

export const SOURCE_KINDS: readonly SourceKind[] = [
  "document",
  "record",
  "stamp",
  "database",
  "testimony",
  "media",
  "other",
];

const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  document: "Document",
  record: "Record",
  stamp: "Stamp",
  database: "Database",
  testimony: "Testimony",
  media: "Media",
  other: "Other",
};

export function sourceKindLabel(kind: SourceKind): string {
  return SOURCE_KIND_LABELS[kind] ?? kind;
}

/** Reliability of the source, A–F. */
export const RELIABILITY: Readonly<Record<string, string>> = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};

/** Credibility of the information, 1–6. */
export const CREDIBILITY: Readonly<Record<number, string>> = {
  1: "confirmed by other sources",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};

/** "B2". */
export function gradeCode(reliability: string, credibility: number): string {
  return `${reliability}${credibility}`;
}

/** "B2 — usually reliable, probably true"; an out-of-range part is shown as unknown. */
export function admiraltyLabel(reliability: string, credibility: number): string {
  const r = RELIABILITY[reliability] ?? "unknown reliability";
  const c = CREDIBILITY[credibility] ?? "unknown credibility";
  return `${gradeCode(reliability, credibility)} \u2014 ${r}, ${c}`;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reliability as typed: one letter A–F (either case, surrounding spaces ignored). */
export function checkReliability(input: string): Checked<string> {
  const value = input.trim().toUpperCase();
  if (value === "") return { ok: false, message: "Reliability is required: a letter A–F." };
  if (!/^[A-F]$/.test(value)) {
    return { ok: false, message: `Reliability must be a letter A–F, not “${input.trim()}”.` };
  }
  return { ok: true, value };
}

/** Credibility as typed (or chosen): a whole number 1–6. */
export function checkCredibility(input: string | number): Checked<number> {
  const text = String(input).trim();
  if (text === "") return { ok: false, message: "Credibility is required: a number 1–6." };
  if (!/^[1-6]$/.test(text)) {
    return { ok: false, message: `Credibility must be a whole number 1–6, not “${text}”.` };
  }
  return { ok: true, value: Number(text) };
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day; empty means none. */
export function checkSourceDate(input: string): Checked<string | null> {
  const value = input.trim();
  if (value === "") return { ok: true, value: null };
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) {
    return { ok: false, message: `The date must be YYYY, YYYY-MM or YYYY-MM-DD, not “${value}”.` };
  }
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) {
    return { ok: false, message: `The date “${value}” has no month ${month}.` };
  }
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) {
    return { ok: false, message: `The date “${value}” does not exist.` };
  }
  return { ok: true, value };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The most characters of a one-line field (titles, summaries), as the Rust side allows. */
export const MAX_LINE = 1000;

/** A new source as the form holds it (every field as typed). */
export interface SourceDraft {
  title: string;
  kind: SourceKind;
  reliability: string;
  credibility: string;
  citation: string;
  date: string;
  excerpt: string;
}

export const EMPTY_SOURCE_DRAFT: SourceDraft = {
  title: "",
  kind: "document",
  reliability: "",
  credibility: "",
  citation: "",
  date: "",
  excerpt: "",
};

/** The source to send, or the first thing wrong with the draft. */
export function checkSourceDraft(draft: SourceDraft): Checked<NewSource> {
  const title = draft.title.trim();
  if (title === "") return { ok: false, message: "A source needs a title." };
  if ([...title].length > MAX_LINE) {
    return { ok: false, message: `The title is longer than ${MAX_LINE} characters.` };
  }
  const reliability = checkReliability(draft.reliability);
  if (!reliability.ok) return reliability;
  const credibility = checkCredibility(draft.credibility);
  if (!credibility.ok) return credibility;
  const date = checkSourceDate(draft.date);
  if (!date.ok) return date;
  const source: NewSource = {
    title,
    kind: draft.kind,
    reliability: reliability.value,
    credibility: credibility.value,
  };
  if (draft.citation.trim() !== "") source.citation = draft.citation.trim();
  if (date.value !== null) source.date = date.value;
  if (draft.excerpt.trim() !== "") source.excerpt = draft.excerpt.trim();
  return { ok: true, value: source };
}

/** A claim's summary as typed: one non-empty line. */
export function checkSummary(input: string): Checked<string> {
  const value = input.trim();
  if (value === "") return { ok: false, message: "A claim needs a one-line summary." };
  if (/[\r\n]/.test(value)) return { ok: false, message: "The summary must be one line." };
  if ([...value].length > MAX_LINE) {
    return { ok: false, message: `The summary is longer than ${MAX_LINE} characters.` };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------
// Time

export interface TimeDisplay {
  /** The analyst's words ("early October 2019"); "" without a time. */
  label: string;
  /** The days they stand for: "2019-10-01 – 2019-10-10", "until 1996-12-31", "from …". */
  interval: string;
}

/** The claim's time as the table and the claim page show it. */
export function formatClaimTime(time: ClaimTime | null): TimeDisplay {
  if (!time) return { label: "", interval: "" };
  return { label: time.label, interval: formatInterval(time.earliest, time.latest) };
}

export function formatInterval(earliest: string | null, latest: string | null): string {
  if (earliest && latest) return earliest === latest ? earliest : `${earliest} \u2013 ${latest}`;
  if (earliest) return `from ${earliest}`;
  if (latest) return `until ${latest}`;
  return "";
}

/**
 * The interval's pieces for display, each day whole: ["2019-10-01", " – ", "2019-10-10"],
 * ["from ", "2019-10-01"]. A line may break between them but never inside a day (the
 * browser would break "2019-10-" after a hyphen).
 */
export function intervalPieces(interval: string): { text: string; day: boolean }[] {
  return interval
    .split(/(\d{4}(?:-\d{2}){0,2})/)
    .filter((piece) => piece !== "")
    .map((piece) => ({ text: piece, day: /^\d{4}(?:-\d{2}){0,2}$/.test(piece) }));
}

/** "early October 2019 (2019-10-01 – 2019-10-10)", or "" without a time. */
export function timeText(time: ClaimTime | null): string {
  const { label, interval } = formatClaimTime(time);
  if (!label) return interval;
  if (!interval || interval === label) return label;
  return `${label} (${interval})`;
}

/** A status change's moment, "2024-05-01 09:30 UTC"; the raw text if it is not a date. */
export function formatTimestamp(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// ---------------------------------------------------------------------------------------
// Filtering and sorting

export interface ClaimFilter {
  /** Statuses to show; empty shows every status. */
  statuses: ReadonlySet<ClaimStatus>;
  /** Words that must all occur (case-insensitively) in the summary or an anchor's quote. */
  text: string;
  /** Only claims anchored in this document, if set. */
  documentId?: number | null;
}

export const NO_FILTER: ClaimFilter = { statuses: new Set(), text: "" };

function fold(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase();
}

/** The words of a filter text; a Chinese run is one word, matched as a substring. */
export function filterTerms(text: string): string[] {
  return fold(text)
    .split(/\s+/)
    .filter((term) => term !== "");
}

export function claimMatches(claim: ClaimView, filter: ClaimFilter): boolean {
  if (filter.statuses.size > 0 && !filter.statuses.has(claim.status)) return false;
  if (filter.documentId != null && !claim.anchors.some((a) => a.documentId === filter.documentId)) {
    return false;
  }
  const terms = filterTerms(filter.text);
  if (terms.length === 0) return true;
  const haystacks = [claim.summary, ...claim.anchors.map((a) => a.quote)].map(fold);
  return terms.every((term) => {
    if (/^#\d+$/.test(term)) return `#${claim.id}` === term || haystacks.some((h) => h.includes(term));
    return haystacks.some((h) => h.includes(term));
  });
}

export function filterClaims(claims: readonly ClaimView[], filter: ClaimFilter): ClaimView[] {
  return claims.filter((claim) => claimMatches(claim, filter));
}

export type SortKey = "status" | "time" | "balance" | "id";
export type SortDirection = "asc" | "desc";

export interface ClaimSort {
  key: SortKey;
  direction: SortDirection;
}

export const SORT_LABELS: Record<SortKey, string> = {
  status: "Status",
  time: "Time",
  balance: "Evidence",
  id: "Number",
};

/** The direction a column sorts in when first chosen: evidence most supported first. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === "balance" ? "desc" : "asc";
}

/** Clicking a column: the same one flips its direction, another starts in its default. */
export function nextSort(current: ClaimSort, key: SortKey): ClaimSort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: defaultDirection(key) };
}

/**
 * Sorted copy of `claims`. Ties fall back to the id (ascending); claims without a time
 * (or without an earliest day) come after the dated ones in either direction.
 */
export function sortClaims(claims: readonly ClaimView[], sort: ClaimSort): ClaimView[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  const primary = (a: ClaimView, b: ClaimView): number => {
    switch (sort.key) {
      case "status":
        return sign * (statusRank(a.status) - statusRank(b.status));
      case "time": {
        const ea = a.time?.earliest ?? null;
        const eb = b.time?.earliest ?? null;
        if (ea === null || eb === null) {
          if (ea === eb) return 0;
          return ea === null ? 1 : -1; // undated last, whatever the direction
        }
        if (ea !== eb) return sign * (ea < eb ? -1 : 1);
        const la = a.time?.latest ?? "9999-12-31";
        const lb = b.time?.latest ?? "9999-12-31";
        return la === lb ? 0 : sign * (la < lb ? -1 : 1);
      }
      case "balance": {
        const ba = evidenceBalance(a);
        const bb = evidenceBalance(b);
        if (ba.net !== bb.net) return sign * (ba.net - bb.net);
        // Same net: more evidence counts as more weighty.
        return sign * (ba.supports + ba.contradicts - (bb.supports + bb.contradicts));
      }
      case "id":
        return sign * (a.id - b.id);
    }
  };
  return [...claims].sort((a, b) => primary(a, b) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------
// Anchors, entities, links

/** The claim's anchors by language, each in document then text order. */
export function anchorsByLang(claim: Pick<ClaimView, "anchors">): { zh: AnchorView[]; en: AnchorView[] } {
  const order = (a: AnchorView, b: AnchorView) => a.documentId - b.documentId || a.start - b.start || a.id - b.id;
  return {
    zh: claim.anchors.filter((a) => a.lang === "zh").sort(order),
    en: claim.anchors.filter((a) => a.lang === "en").sort(order),
  };
}

/** An entity's name for lists: "English (中文)", either alone, else its key or number. */
export function entityName(entity: Pick<EntityView, "id" | "key" | "nameEn" | "nameZh">): string {
  const en = entity.nameEn?.trim() || null;
  const zh = entity.nameZh?.trim() || null;
  if (en && zh) return `${en} (${zh})`;
  return en ?? zh ?? entity.key ?? `Entity #${entity.id}`;
}

/** The name of entity `id` from the registry, or "Entity #id" if it is not (yet) loaded. */
export function entityNameById(entities: ReadonlyMap<number, EntityView>, id: number): string {
  const entity = entities.get(id);
  return entity ? entityName(entity) : `Entity #${id}`;
}

export const LINK_KINDS: readonly ClaimLinkKind[] = ["supports", "contradicts", "same_as"];

/** "supports" / "is supported by", "contradicts" / "is contradicted by", "is the same as". */
export function linkVerb(link: Pick<ClaimLinkView, "kind" | "outgoing">): string {
  switch (link.kind) {
    case "supports":
      return link.outgoing ? "supports" : "is supported by";
    case "contradicts":
      return link.outgoing ? "contradicts" : "is contradicted by";
    case "same_as":
      return "is the same as";
  }
}

/** The verb for choosing a link kind in the form ("This claim … claim #n"). */
export function linkKindLabel(kind: ClaimLinkKind): string {
  return linkVerb({ kind, outgoing: true });
}

/** Whether the selection can anchor a claim: a non-empty span of one document. */
export function usableSelection(
  selection: { documentId: number; start: number; end: number; quote: string } | null,
): boolean {
  return selection !== null && selection.end > selection.start && selection.quote.trim() !== "";
}

/** The latest selection of each language, for a new claim to be anchored at one or both. */
export interface SelectionPair<S> {
  zh: S | null;
  en: S | null;
}

export const NO_SELECTIONS: SelectionPair<never> = { zh: null, en: null };

/**
 * The pair after the parallel view reports `selection` (null when it dropped it): the new
 * selection replaces that language's, and the other language's is kept only if it lies in
 * the same document and the same bead (as the parallel view pairs the two spans of a link),
 * so a Chinese phrase and its English counterpart anchor one claim together.
 */
export function pairSelection<S extends { documentId: number; lang: string; beadId?: number }>(
  pair: SelectionPair<S>,
  selection: S | null,
): SelectionPair<S> {
  if (selection === null) return { zh: null, en: null };
  if (selection.lang !== "zh" && selection.lang !== "en") return pair;
  const otherLang = selection.lang === "zh" ? "en" : "zh";
  const other = pair[otherLang];
  const keep =
    other !== null &&
    other.documentId === selection.documentId &&
    (other.beadId === undefined || selection.beadId === undefined || other.beadId === selection.beadId);
  return selection.lang === "zh"
    ? { zh: selection, en: keep ? other : null }
    : { zh: keep ? other : null, en: selection };
}

/** A status history line: "Unverified → Supported", or "Created as Unverified". */
export function statusChangeText(change: { from: ClaimStatus | null; to: ClaimStatus }): string {
  if (change.from === null) return `Created as ${statusChip(change.to).label}`;
  return `${statusChip(change.from).label} \u2192 ${statusChip(change.to).label}`;
}

/**
 * The words around an anchor, cut to `chars` code points on each side (never splitting a
 * surrogate pair), with an ellipsis where text was cut. A line or paragraph break in them
 * becomes one space, so the context reads as one line around the quote.
 */
export function anchorContext(
  anchor: Pick<AnchorView, "prefix" | "suffix">,
  chars = 24,
): { before: string; after: string } {
  const flat = (text: string) => text.replace(/[^\S\r\n]*[\r\n]+\s*/g, " ");
  const before = Array.from(flat(anchor.prefix));
  const after = Array.from(flat(anchor.suffix));
  return {
    before: (before.length > chars ? "…" : "") + before.slice(Math.max(0, before.length - chars)).join(""),
    after: after.slice(0, chars).join("") + (after.length > chars ? "…" : ""),
  };
}
