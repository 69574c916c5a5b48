/**
 * Draws a sentence's pieces (links, names, search results) into its element by updating the
 * elements already there in place, instead of through React.
 *
 * Why not React: a row of a long document has some hundred of these spans, and a jump of a
 * few screens gives every rendered row another bead. Through React each span is an element,
 * a props object and a fiber; measured on the 10,000-bead document, scrolling through it
 * allocated ~2.4 MB per jump, and the webview saw-toothed up to 530-555 MB before
 * JavaScriptCore collected. Drawn here the same spans left it at ~440 MB.
 *
 * Usage, in document order: `open(tag)` an element (the one already at that place if it has
 * that tag, else a new one in its place), `set` its attributes, then either `text` (its only
 * child is that text) or `open` its children, and `close()` it; `finish()` removes what is
 * left after the last element. Attributes not set between `open` and `close` are removed.
 * Text always goes in through `Text.data`, never as markup: document text is data.
 *
 * What was last written to each element is remembered beside it (a WeakMap), so an unchanged
 * attribute or text costs a comparison, and reading the DOM back (which makes strings) is
 * never needed. Only this module may change these elements' attributes and children.
 */

/** The attributes a drawn element may carry. */
export const PATCHED_ATTRIBUTES = [
  "class",
  "title",
  "tabindex",
  "data-link",
  "data-links",
  "data-status",
  "data-reason",
  "data-pending",
  "data-mention",
  "data-type",
  "data-origin",
  "data-entity",
  "data-depth",
  "data-search-hit",
] as const;

export type PatchedAttribute = (typeof PATCHED_ATTRIBUTES)[number];

const SLOT = new Map<PatchedAttribute, number>(PATCHED_ATTRIBUTES.map((name, slot) => [name, slot]));
/** The slot of an element's text, after its attributes'. */
const TEXT = PATCHED_ATTRIBUTES.length;

/** What was last written to an element: attribute values by slot, then its text (null: none). */
const written = new WeakMap<Element, (string | null)[]>();

function recordOf(element: Element): (string | null)[] {
  let record = written.get(element);
  if (!record) {
    record = new Array<string | null>(TEXT + 1).fill(null);
    written.set(element, record);
  }
  return record;
}

/**
 * One drawing pass over the children of a root element. Reusable: `start` begins a new pass
 * (the stacks are kept, so drawing allocates nothing for elements that stay).
 */
export class DomPatcher {
  private readonly parents: Element[] = [];
  private readonly next: (ChildNode | null)[] = [];
  /** Bit per attribute slot, set when `set` wrote it during the element's `open`. */
  private readonly touched: number[] = [];
  private depth = -1;

  /** Starts drawing the children of `root`, from its first child on. */
  start(root: Element): this {
    this.depth = 0;
    this.parents[0] = root;
    this.next[0] = root.firstChild;
    this.touched[0] = 0;
    return this;
  }

  private get current(): Element {
    const element = this.parents[this.depth];
    if (!element || this.depth < 1) throw new Error("no element is open");
    return element;
  }

  /** Opens an element of `tag` at the cursor, reusing the one there if it has that tag. */
  open(tag: "span" | "mark"): void {
    if (this.depth < 0) throw new Error("start() first");
    const parent = this.parents[this.depth]!;
    const there = this.next[this.depth] ?? null;
    let element: Element;
    if (there instanceof Element && there.localName === tag) {
      element = there;
    } else {
      element = parent.ownerDocument.createElement(tag);
      if (there) parent.replaceChild(element, there);
      else parent.appendChild(element);
    }
    this.next[this.depth] = element.nextSibling;
    this.depth += 1;
    this.parents[this.depth] = element;
    this.next[this.depth] = element.firstChild;
    this.touched[this.depth] = 0;
  }

  /** Sets (or, with null, removes) an attribute of the element open last. */
  set(name: PatchedAttribute, value: string | null): void {
    const element = this.current;
    const slot = SLOT.get(name)!;
    this.touched[this.depth]! |= 1 << slot;
    const record = recordOf(element);
    if (record[slot] === value) return;
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
    record[slot] = value;
  }

  /** Makes `value` the only child of the element open last, as text. */
  text(value: string): void {
    const element = this.current;
    const record = recordOf(element);
    const first = element.firstChild;
    if (first instanceof Text && first.nextSibling === null) {
      if (record[TEXT] !== value) first.data = value;
    } else {
      element.textContent = value;
    }
    record[TEXT] = value;
    this.next[this.depth] = null;
  }

  /** Closes the element open last: removes its children after the cursor and its unset attributes. */
  close(): void {
    const element = this.current;
    const record = recordOf(element);
    this.removeRest(element, this.next[this.depth] ?? null);
    const touched = this.touched[this.depth]!;
    for (let slot = 0; slot < TEXT; slot += 1) {
      if ((touched & (1 << slot)) === 0 && record[slot] !== null) {
        element.removeAttribute(PATCHED_ATTRIBUTES[slot]!);
        record[slot] = null;
      }
    }
    this.depth -= 1;
  }

  /** Ends the pass: removes the root's children after the last one drawn. */
  finish(): void {
    if (this.depth !== 0) throw new Error(`${this.depth} element(s) still open`);
    this.removeRest(this.parents[0]!, this.next[0] ?? null);
    this.depth = -1;
  }

  private removeRest(parent: Element, from: ChildNode | null): void {
    let node = from;
    while (node) {
      const after: ChildNode | null = node.nextSibling;
      parent.removeChild(node);
      node = after;
    }
  }
}
