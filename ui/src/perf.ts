/**
 * Performance marks (the User Timing API) for the speed targets of the workspace, read by
 * the end-to-end tests (tests/tests/window_perf.rs) and visible in the web inspector's
 * timeline:
 *
 * - `duizhao:document-open` (optional, `markDocumentOpen`) when a document starts opening;
 *   `duizhao:rows-painted` once the bead table's first rows have been painted, with the
 *   measure `duizhao:open-to-rows` from the latest `document-open` mark, or from the
 *   window's start (time origin) when there is none — a window opened with `--project`
 *   opens its document as it starts.
 * - `duizhao:edit-sent` (`markEditSent`) when an edit goes to Rust; `duizhao:rows-updated`
 *   once the bead table has painted the rows an edit's result changed, with the measure
 *   `duizhao:edit` from the edit-sent mark not yet measured, if any.
 *
 * "Painted" is approximated as the first task after the next animation frame (the frame in
 * which the committed DOM is drawn). The API keeps every entry until it is cleared, so each
 * name is cleared once it holds ENTRY_LIMIT entries: a window open for days makes an IPC
 * measure per call.
 */

export const MARK_DOCUMENT_OPEN = "duizhao:document-open";
export const MARK_ROWS_PAINTED = "duizhao:rows-painted";
export const MARK_EDIT_SENT = "duizhao:edit-sent";
export const MARK_ROWS_UPDATED = "duizhao:rows-updated";
export const MEASURE_OPEN = "duizhao:open-to-rows";
export const MEASURE_EDIT = "duizhao:edit";

const timing = (): Performance | null =>
  typeof performance !== "undefined" && typeof performance.mark === "function" ? performance : null;

/** How many entries of one name are kept; the next one clears them first. */
export const ENTRY_LIMIT = 2000;
const entryCounts = new Map<string, number>();

/** Makes room for one more entry `name` of `kind`, clearing that name's entries at the limit. */
function room(perf: Performance, name: string, kind: "mark" | "measure"): void {
  const count = entryCounts.get(name) ?? 0;
  if (count < ENTRY_LIMIT) {
    entryCounts.set(name, count + 1);
    return;
  }
  if (kind === "mark") perf.clearMarks(name);
  else perf.clearMeasures(name);
  entryCounts.set(name, 1);
}

/** Runs `fn` once the current DOM has been painted (after the next animation frame). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== "function") {
    setTimeout(fn, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function latest(name: string): PerformanceEntry | undefined {
  const entries = timing()?.getEntriesByName(name, "mark") ?? [];
  return entries[entries.length - 1];
}

/** A document starts opening (call before its first IPC read). */
export function markDocumentOpen(documentId: number): void {
  timing()?.mark(MARK_DOCUMENT_OPEN, { detail: { documentId } });
}

/** An edit (`kind`: confirm, tag, …) is sent to Rust. */
export function markEditSent(kind: string): void {
  const perf = timing();
  if (!perf) return;
  room(perf, MARK_EDIT_SENT, "mark");
  perf.mark(MARK_EDIT_SENT, { detail: { kind } });
}

/** The bead table has painted its first rows (`rows` of `beads`). */
export function markRowsPainted(rows: number, beads: number): void {
  const perf = timing();
  if (!perf) return;
  const end = perf.mark(MARK_ROWS_PAINTED, { detail: { rows, beads } });
  const open = latest(MARK_DOCUMENT_OPEN);
  perf.measure(MEASURE_OPEN, { start: open?.startTime ?? 0, end: end.startTime, detail: { rows, beads } });
}

/**
 * The bead table has painted rows changed by new data (an edit's result); measures the
 * edit from the latest edit-sent mark when that mark is newer than the last update.
 */
export function markRowsUpdated(): void {
  const perf = timing();
  if (!perf) return;
  const previous = latest(MARK_ROWS_UPDATED);
  room(perf, MARK_ROWS_UPDATED, "mark");
  const end = perf.mark(MARK_ROWS_UPDATED);
  const sent = latest(MARK_EDIT_SENT);
  if (sent && sent.startTime > (previous?.startTime ?? -1)) {
    const detail = (sent as PerformanceMark).detail as unknown;
    room(perf, MEASURE_EDIT, "measure");
    perf.measure(MEASURE_EDIT, { start: sent.startTime, end: end.startTime, detail });
  }
}

export const MEASURE_IPC = "duizhao:ipc";

/** Now, for `measureIpc` (0 without the User Timing API). */
export function now(): number {
  return timing()?.now() ?? 0;
}

/**
 * An IPC command answered: the measure `duizhao:ipc` from `start` (when it was invoked) to
 * now, with the command's name — Rust's work, serialising, the transfer and parsing the
 * result in the page, before any rendering.
 */
export function measureIpc(command: string, start: number): void {
  const perf = timing();
  if (!perf) return;
  room(perf, MEASURE_IPC, "measure");
  perf.measure(MEASURE_IPC, { start, detail: { command } });
}
