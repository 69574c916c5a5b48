/**
 * Find in the document: a bar with the query, toggles for regular expressions ("Regex",
 * Alt+R), case ("Aa", Alt+C) and full-width/half-width folding ("全/半", Alt+W), the count
 * ("3 of 17") and previous/next/close buttons. The search itself is ./search (pure, tested);
 * this component only keeps the query and the current result.
 *
 * Enter goes to the next result, Shift+Enter to the previous (also F3 / Shift+F3), Escape
 * closes. Typing goes to the first result at or after `from` (the caller's selected bead),
 * like a browser's find; when the alignment changes under an unchanged query (an edit), the
 * bar keeps its place and does not move the selection. Enter while an input method is
 * composing (pinyin) belongs to the input method. The parent decides what "going to" a
 * result means (select the bead, scroll, highlight `start`–`end`).
 */
import {
  type ChangeEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import type { AlignmentView } from "./bindings/AlignmentView";
import {
  type SearchHit,
  type SearchPosition,
  type SearchResult,
  countText,
  hitFrom,
  refindHit,
  searchAlignment,
  stepHit,
} from "./search";
import "./palette.css";

export type { SearchHit, SearchPosition } from "./search";

export interface SearchBarProps {
  alignment: AlignmentView | null;
  /** Called with the current result whenever it changes by the user's doing. */
  onGoTo: (hit: SearchHit) => void;
  onClose: () => void;
  /** Where a new query starts looking (default: the first bead). */
  from?: SearchPosition;
  /** Change it (e.g. a counter bumped by Ctrl+F) to focus the input and select its text again. */
  focusSignal?: number;
}

/** Clicking a toggle or a step button leaves the focus (and the keys) in the input. */
function keepFocus(event: MouseEvent) {
  event.preventDefault();
}

export function SearchBar({ alignment, onGoTo, onClose, from, focusSignal }: SearchBarProps) {
  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [fold, setFold] = useState(true);
  const [current, setCurrent] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  // Typing stays responsive on a long document: the search runs on the deferred query.
  const deferred = useDeferredValue(query);

  const result: SearchResult | null = useMemo(
    () =>
      deferred === ""
        ? null
        : searchAlignment(alignment, { query: deferred, regex, caseSensitive, foldWidth: fold }),
    [alignment, deferred, regex, caseSensitive, fold],
  );
  const hits = result?.ok ? result.hits : [];

  const onGoToRef = useRef(onGoTo);
  onGoToRef.current = onGoTo;
  const fromRef = useRef(from);
  fromRef.current = from;
  // The current result itself, so an edited alignment's new results can find it again.
  const currentHit = useRef<SearchHit | null>(null);
  const moveTo = (index: number, list: readonly SearchHit[]) => {
    setCurrent(index);
    currentHit.current = list[index] ?? null;
  };
  const searchKey = JSON.stringify([deferred, regex, caseSensitive, fold]);
  const lastKey = useRef(searchKey);

  // New results: a new query starts from `from` and goes there; the same query over an
  // edited alignment stays on (or next to) the result it was on, without moving.
  useEffect(() => {
    const list = result?.ok ? result.hits : [];
    if (lastKey.current !== searchKey) {
      lastKey.current = searchKey;
      const index = hitFrom(list, fromRef.current ?? { beadIndex: 0 });
      moveTo(index, list);
      const hit = list[index];
      if (hit) onGoToRef.current(hit);
    } else {
      const previous = currentHit.current;
      moveTo(previous ? refindHit(list, previous) : -1, list);
    }
    // moveTo only sets state and a ref: only new results re-run this.
  }, [result, searchKey]);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.select();
  }, [focusSignal]);

  const go = (direction: 1 | -1) => {
    if (hits.length === 0) return;
    const index = stepHit(current, hits.length, direction);
    moveTo(index, hits);
    const hit = hits[index];
    if (hit) onGoTo(hit);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    let handled = true;
    if (event.key === "Enter" || event.key === "F3") go(event.shiftKey ? -1 : 1);
    else if (event.key === "Escape") onClose();
    else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyR") setRegex((on) => !on);
    else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyC") setCaseSensitive((on) => !on);
    else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyW") setFold((on) => !on);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const error = result && !result.ok ? result.error : null;
  const count = query === "" ? "" : countText(result, current);

  return (
    <div className="search-bar" role="search" aria-label="Find in the document">
      <input
        ref={inputRef}
        className="search-input"
        type="text"
        value={query}
        placeholder="Find in both languages…"
        aria-label="Find in both languages"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(event: ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="search-toggle"
        onMouseDown={keepFocus}
        aria-label="Match case"
        aria-pressed={caseSensitive}
        title="Match case (Alt+C)"
        onClick={() => setCaseSensitive((on) => !on)}
      >
        Aa
      </button>
      <button
        type="button"
        className="search-toggle"
        onMouseDown={keepFocus}
        aria-label="Regular expression"
        aria-pressed={regex}
        title="Regular expression, JavaScript syntax (Alt+R)"
        onClick={() => setRegex((on) => !on)}
      >
        Regex
      </button>
      <button
        type="button"
        className="search-toggle"
        onMouseDown={keepFocus}
        aria-label="Full-width and half-width alike"
        aria-pressed={fold}
        title="Full-width and half-width forms alike: ＡＢＣ１２３ finds ABC123 (Alt+W)"
        onClick={() => setFold((on) => !on)}
      >
        <span lang="zh-Hans">全/半</span>
      </button>
      <span
        className="search-count"
        role="status"
        aria-live="polite"
        title={result?.ok && result.capped ? `Stopped after ${hits.length.toLocaleString("en-US")} results` : undefined}
      >
        {count}
      </span>
      <button
        type="button"
        className="search-step"
        onMouseDown={keepFocus}
        aria-label="Previous result"
        title="Previous result (Shift+Enter)"
        disabled={hits.length === 0}
        onClick={() => go(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="search-step"
        onMouseDown={keepFocus}
        aria-label="Next result"
        title="Next result (Enter)"
        disabled={hits.length === 0}
        onClick={() => go(1)}
      >
        ↓
      </button>
      <button type="button" className="search-close" aria-label="Close the search" title="Close (Escape)" onClick={onClose}>
        ×
      </button>
      {error !== null && (
        <span className="search-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
