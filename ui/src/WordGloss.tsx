/**
 * The word gloss of the parallel view: when the mouse rests (REST_MS) on a Chinese word of a
 * zh sentence, a small popover shows the word, its pinyin and its first CC-CEDICT
 * definitions (or, for a word the dictionary lacks, each character's), and the word is
 * outlined. The glosses come from Rust (`gloss_sentence`) one sentence at a time, the first
 * time the mouse rests on that sentence, and are kept (./gloss GlossCache), so a long
 * document fetches nothing until it is hovered.
 *
 * The layer listens on the bead list (mouse moves are delegated, the rows know nothing of
 * it) and draws into <body> with `pointer-events: none`, so the rows' own hover (a link's
 * partner highlight, titles) works as before. The word under the mouse is found with the
 * caret at the mouse point (`caretPositionFromPoint`, or WebKit's `caretRangeFromPoint`),
 * converted to a code point of the sentence (./offsets) and checked against the drawn
 * characters, so blank space beside a line shows nothing. The popover goes below the word
 * or above it, never over it, inside the window; it goes away when the mouse leaves the
 * word, on a scroll, a click, a key (Escape included) and when the window loses focus. All
 * text is rendered as React text.
 */
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { glossSentence } from "./api";
import {
  type Box,
  GlossCache,
  type WordGloss,
  contains,
  domPointAt,
  glossView,
  placePopover,
  textIndexOf,
  wordAt,
} from "./gloss";
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "./offsets";
import "./gloss.css";

/** How long the mouse rests on a word before its gloss shows, in ms. */
export const REST_MS = 300;

/** The sentences whose words are glossed: the Chinese side of the bead rows. */
const SENTENCES = ".bead-zh .sentence-text[data-sentence-id]";

const cache = new GlossCache(glossSentence);

interface Shown {
  /** Distinguishes one showing from the next (the popover is placed afresh). */
  id: number;
  gloss: WordGloss;
  /** The word's boxes on screen (more than one when it wraps). */
  boxes: Box[];
  /** All of them in one box: the popover stays clear of it. */
  anchor: Box;
}

export function WordGlossLayer({ root }: { root: RefObject<HTMLElement | null> }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<Shown | null>(null);
  shownRef.current = shown;

  useEffect(() => {
    const list = root.current;
    if (!list) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Bumped by every move and hide: a gloss that arrives after either is dropped.
    let token = 0;
    let next = 0;
    const hide = () => {
      token += 1;
      clearTimeout(timer);
      timer = undefined;
      if (shownRef.current) {
        shownRef.current = null;
        setShown(null);
      }
    };
    const look = async (x: number, y: number, mine: number) => {
      const hit = characterAt(list, x, y);
      if (!hit) return;
      let words: WordGloss[];
      try {
        words = await cache.get(hit.text);
      } catch {
        return;
      }
      if (mine !== token || !hit.sentence.isConnected || hit.sentence.textContent !== hit.text) return;
      const gloss = wordAt(words, hit.codePoint);
      if (!gloss) return;
      const boxes = boxesOf(hit.sentence, hit.text, gloss.start, gloss.end);
      if (!boxes.some((box) => contains(box, x, y, 1))) return;
      next += 1;
      const shown = { id: next, gloss, boxes, anchor: union(boxes) };
      shownRef.current = shown;
      setShown(shown);
    };
    const onMove = (event: MouseEvent) => {
      const current = shownRef.current;
      if (current && current.boxes.some((box) => contains(box, event.clientX, event.clientY, 1))) return;
      hide();
      // A button held down is a text selection being made: no gloss in its way.
      if (event.buttons !== 0) return;
      const mine = token;
      const { clientX, clientY } = event;
      timer = setTimeout(() => void look(clientX, clientY, mine), REST_MS);
    };
    list.addEventListener("mousemove", onMove);
    list.addEventListener("mouseleave", hide);
    list.addEventListener("mousedown", hide);
    document.addEventListener("scroll", hide, true);
    window.addEventListener("keydown", hide, true);
    window.addEventListener("resize", hide);
    window.addEventListener("blur", hide);
    return () => {
      hide();
      list.removeEventListener("mousemove", onMove);
      list.removeEventListener("mouseleave", hide);
      list.removeEventListener("mousedown", hide);
      document.removeEventListener("scroll", hide, true);
      window.removeEventListener("keydown", hide, true);
      window.removeEventListener("resize", hide);
      window.removeEventListener("blur", hide);
    };
  }, [root]);

  if (!shown) return null;
  return createPortal(
    <>
      {shown.boxes.map((box, i) => (
        <div
          key={i}
          className="word-gloss-mark"
          aria-hidden="true"
          style={{ left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top }}
        />
      ))}
      <Popover key={shown.id} shown={shown} />
    </>,
    document.body,
  );
}

function Popover({ shown }: { shown: Shown }) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<ReturnType<typeof placePopover> | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    setPlace(placePopover(shown.anchor, width, height, { width: window.innerWidth, height: window.innerHeight }));
  }, [shown]);
  const view = glossView(shown.gloss);
  const style = place
    ? { left: place.left, top: place.top, maxHeight: place.maxHeight }
    : { left: 0, top: 0, visibility: "hidden" as const };
  return (
    <div
      ref={ref}
      className="word-gloss"
      role="tooltip"
      style={style}
      data-word={view.word}
      data-side={place?.side}
      data-in-dictionary={shown.gloss.inDictionary}
    >
      <div className="word-gloss-head">
        <span className="word-gloss-word" lang="zh">
          {view.word}
        </span>
        {view.pinyin !== null && <span className="word-gloss-pinyin">{view.pinyin}</span>}
        {view.otherPinyin.length > 0 && (
          <span className="word-gloss-other">also {view.otherPinyin.join(", ")}</span>
        )}
      </div>
      {view.note !== null && <div className="word-gloss-note">{view.note}</div>}
      {view.definitions.length > 0 && (
        <ol className="word-gloss-definitions" lang="en">
          {view.definitions.map((definition, i) => (
            <li key={i} className="word-gloss-definition">
              {definition}
            </li>
          ))}
        </ol>
      )}
      {view.more > 0 && <div className="word-gloss-more">+{view.more} more</div>}
      {view.characters.length > 0 && (
        <ul className="word-gloss-characters">
          {view.characters.map((c, i) => (
            <li key={i} className="word-gloss-character">
              <span className="word-gloss-word" lang="zh">
                {c.character}
              </span>
              {c.pinyin && <span className="word-gloss-pinyin">{c.pinyin}</span>}
              {c.definition && (
                <span className="word-gloss-definition" lang="en">
                  {c.definition}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The zh sentence character drawn at `x`,`y` inside `list`: its sentence and code point. */
function characterAt(
  list: HTMLElement,
  x: number,
  y: number,
): { sentence: HTMLElement; text: string; codePoint: number } | null {
  const caret = caretAt(list.ownerDocument, x, y);
  if (!caret) return null;
  const element = caret.node instanceof Element ? caret.node : caret.node.parentElement;
  const sentence = element?.closest<HTMLElement>(SENTENCES);
  if (!sentence || !list.contains(sentence)) return null;
  const text = sentence.textContent ?? "";
  const index = textIndexOf(sentence, caret.node, caret.offset);
  if (index === null || text.length === 0) return null;
  // The caret is between two characters: the one the mouse is on is either of them.
  const at = utf16ToCodePoint(text, index);
  const length = codePointLength(text);
  for (const codePoint of [at, at - 1]) {
    if (codePoint < 0 || codePoint >= length) continue;
    if (boxesOf(sentence, text, codePoint, codePoint + 1).some((box) => contains(box, x, y))) {
      return { sentence, text, codePoint };
    }
  }
  return null;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as CaretDocument;
  if (typeof d.caretPositionFromPoint === "function") {
    const position = d.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === "function") {
    const range = d.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** The boxes on screen of code points `start..end` of the sentence drawn in `sentence`. */
function boxesOf(sentence: HTMLElement, text: string, start: number, end: number): Box[] {
  const from = domPointAt(sentence, codePointToUtf16(text, start), "start");
  const to = domPointAt(sentence, codePointToUtf16(text, end), "end");
  if (!from || !to) return [];
  const range = sentence.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return Array.from(range.getClientRects())
    .filter((rect) => rect.width > 0 && rect.height > 0)
    .map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
}

function union(boxes: Box[]): Box {
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}
