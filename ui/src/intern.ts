/**
 * Shares the repeated words of long IPC answers: a status, an origin, a type name.
 *
 * JavaScriptCore's JSON parser makes a separate string for every string value, so a
 * 10,000-bead alignment carried some 340,000 copies of "auto", "suggested" and their like
 * (one per link and field), and its mentions 200,000 more: about a fifth of the window's
 * JavaScript heap. The garbage collector lets the heap grow in proportion to what is live,
 * so every megabyte kept costs some more while the user scrolls. Each answer is walked once
 * when it arrives and its enum-like fields are pointed at one copy per distinct value. (An
 * edit's answer, a few beads, is left as it is.)
 */
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";
import type { MentionView } from "./bindings/MentionView";

/** One copy of each string seen: the first, handed back for every equal one after it. */
export class StringPool {
  private readonly seen = new Map<string, string>();

  share<T extends string>(value: T): T {
    const known = this.seen.get(value);
    if (known !== undefined) return known as T;
    this.seen.set(value, value);
    return value;
  }

  /** How many distinct strings the pool holds. */
  get size(): number {
    return this.seen.size;
  }
}

function shareBeads(beads: BeadView[], pool: StringPool): void {
  for (const bead of beads) {
    bead.origin = pool.share(bead.origin);
    bead.status = pool.share(bead.status);
    for (const link of bead.links) {
      link.origin = pool.share(link.origin);
      link.status = pool.share(link.status);
      if (link.reason !== null) link.reason = pool.share(link.reason);
    }
  }
}

/** The alignment, its beads' and links' enum-like fields shared (in place). */
export function shareAlignment<T extends AlignmentView | null>(view: T, pool = new StringPool()): T {
  if (view) shareBeads(view.beads, pool);
  return view;
}

/** The mentions, their language, type, origin and status shared (in place). */
export function shareMentions(mentions: MentionView[], pool = new StringPool()): MentionView[] {
  for (const mention of mentions) {
    mention.lang = pool.share(mention.lang);
    mention.typeName = pool.share(mention.typeName);
    mention.origin = pool.share(mention.origin);
    mention.status = pool.share(mention.status);
  }
  return mentions;
}
