/**
 * Which React key each rendered row of a virtualised list gets. Keyed by bead, a jump of a
 * few screens unmounts every row and builds new ones; WebKit then holds the old rows' DOM
 * nodes until JavaScriptCore collects their wrappers, which it does late (a scroll through
 * 10,000 beads left over 1 GB of such garbage). Keyed by slot, a row that scrolls out hands
 * its element to a row that scrolls in, and React only updates the text and attributes.
 */

/**
 * The slot of every index in `indices` (the rows to render, in order): an index rendered
 * before keeps its slot, so a row that stays in view is not redrawn; a new index takes a
 * slot freed by an index no longer rendered, lowest first, or a new one past the highest.
 * Slots are unique, and only as many as the most rows ever rendered at once are made.
 */
export function assignSlots(previous: ReadonlyMap<number, number>, indices: readonly number[]): Map<number, number> {
  const wanted = new Set(indices);
  const slots = new Map<number, number>();
  const free: number[] = [];
  let next = 0;
  for (const [index, slot] of previous) {
    next = Math.max(next, slot + 1);
    if (!wanted.has(index)) free.push(slot);
  }
  free.sort((a, b) => b - a);
  for (const index of indices) {
    const kept = previous.get(index);
    if (kept !== undefined) slots.set(index, kept);
  }
  for (const index of indices) {
    if (slots.has(index)) continue;
    const slot = free.pop();
    slots.set(index, slot ?? next++);
  }
  return slots;
}

/**
 * The rows to render, `first`–`last` (inclusive) being those in view with the overscan,
 * widened to `pool` rows where the document has them: after the last, then before the
 * first. A jump to rows never measured first renders as many rows as their estimated
 * height fits, then fewer once measured; without this the rows dropped there would be
 * made anew on the next jump instead of being reused.
 */
export function steadyRange(first: number, last: number, count: number, pool: number): { first: number; last: number } {
  const missing = Math.max(0, pool - (last - first + 1));
  const below = Math.min(missing, count - 1 - last);
  const above = Math.min(missing - below, first);
  return { first: first - above, last: last + below };
}
