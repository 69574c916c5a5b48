/**
 * The word gloss of the parallel view (WordGloss.tsx), without React: the cache of each
 * sentence's glosses, finding the word at a code-point offset, what the popover says, where
 * it goes, and the conversion between a point in a sentence's DOM (several text nodes, one
 * per link or mention piece) and a UTF-16 index into the sentence's text. Code points and
 * UTF-16 are converted by ./offsets only.
 */
import type { CharGloss } from "./bindings/CharGloss";
import type { WordGloss } from "./bindings/WordGloss";

export type { CharGloss, WordGloss };

/** How many definitions the popover shows (the rest are counted). */
export const SHOWN_DEFINITIONS = 4;

/**
 * Each sentence's glosses, fetched the first time they are asked for and kept (by text):
 * a 10,000-bead document fetches nothing until the mouse rests on a sentence. A failed fetch
 * is forgotten, so the next hover asks again. The oldest sentences are dropped past `limit`.
 */
export class GlossCache {
  private readonly entries = new Map<string, Promise<WordGloss[]>>();

  constructor(
    private readonly fetch: (text: string) => Promise<WordGloss[]>,
    private readonly limit = 2000,
  ) {}

  get(text: string): Promise<WordGloss[]> {
    const known = this.entries.get(text);
    if (known) return known;
    const pending = this.fetch(text);
    this.entries.set(text, pending);
    pending.catch(() => {
      if (this.entries.get(text) === pending) this.entries.delete(text);
    });
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The word covering code point `offset` (words are in order and do not overlap), or null. */
export function wordAt(words: readonly WordGloss[], offset: number): WordGloss | null {
  let low = 0;
  let high = words.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const word = words[mid];
    if (!word) return null;
    if (offset < word.start) high = mid - 1;
    else if (offset >= word.end) low = mid + 1;
    else return word;
  }
  return null;
}

/** What the popover shows for a word. */
export interface GlossView {
  word: string;
  /** The usual reading, or null when no character has a known reading. */
  pinyin: string | null;
  /** The word's other readings. */
  otherPinyin: string[];
  /** The first definitions. */
  definitions: string[];
  /** How many more definitions there are. */
  more: number;
  /** For a word the dictionary does not know: each character's reading and first sense. */
  characters: { character: string; pinyin: string; definition: string }[];
  /** A line about where the readings come from, when the dictionary lacks the word. */
  note: string | null;
}

export function glossView(gloss: WordGloss, shown = SHOWN_DEFINITIONS): GlossView {
  const characters = gloss.characters.map((c: CharGloss) => ({
    character: c.character,
    pinyin: c.pinyin[0] ?? "",
    definition: c.definitions[0] ?? "",
  }));
  let note: string | null = null;
  if (!gloss.inDictionary) {
    if (gloss.pinyin.length === 0) note = "No reading known";
    else if (characters.length > 0) note = "Not in CC-CEDICT; by character:";
    else note = "Not in CC-CEDICT";
  }
  return {
    word: gloss.word,
    pinyin: gloss.pinyin[0] ?? null,
    otherPinyin: gloss.pinyin.slice(1),
    definitions: gloss.definitions.slice(0, shown),
    more: Math.max(0, gloss.definitions.length - shown),
    characters,
    note,
  };
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where the popover of size `width`×`height` goes for a word drawn at `word`, in a
 * viewport of `viewport` (all in CSS pixels): below the word, or above it when it does not
 * fit below but does above (else on the roomier side, its height cut to `maxHeight`), never
 * over the word; aligned with the word's left edge, moved left to stay inside the viewport,
 * `margin` from its edges.
 */
export function placePopover(
  word: Box,
  width: number,
  height: number,
  viewport: { width: number; height: number },
  gap = 6,
  margin = 8,
): { left: number; top: number; maxHeight: number; side: "below" | "above" } {
  const below = Math.max(0, viewport.height - margin - (word.bottom + gap));
  const above = Math.max(0, word.top - gap - margin);
  const side = height <= below || (height > above && below >= above) ? "below" : "above";
  const maxHeight = side === "below" ? below : above;
  const top = side === "below" ? word.bottom + gap : word.top - gap - Math.min(height, above);
  const left = Math.max(margin, Math.min(word.left, viewport.width - margin - width));
  return { left, top, maxHeight, side };
}

/** Whether point `x`,`y` lies in `box` (edges included, with `slack` pixels around it). */
export function contains(box: Box, x: number, y: number, slack = 0): boolean {
  return x >= box.left - slack && x <= box.right + slack && y >= box.top - slack && y <= box.bottom + slack;
}

/**
 * The UTF-16 index into `root`'s text (its textContent) of the DOM point `node`,`offset`
 * inside it, or null when the point is outside `root`.
 */
export function textIndexOf(root: Node, node: Node, offset: number): number | null {
  if (node !== root && !root.contains(node)) return null;
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The DOM point (a text node and an offset into it) at UTF-16 index `index` of `root`'s
 * text. At a boundary between two text nodes, `bias` chooses: "start" gives the start of
 * the later node (where a range over the next character starts), "end" the end of the
 * earlier one (where a range over the previous character ends). Null past the end.
 */
export function domPointAt(root: Node, index: number, bias: "start" | "end" = "start"): { node: Text; offset: number } | null {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const length = text.data.length;
    if (index < seen + length || (bias === "end" && index === seen + length && length > 0)) {
      return { node: text, offset: index - seen };
    }
    seen += length;
    last = text;
  }
  return last && index === seen ? { node: last, offset: last.data.length } : null;
}
