/**
 * The command palette: a modal list of every command the window offers, filtered as the
 * user types by fuzzy matching (./palette: "mrg" finds "Merge with the next bead"). ↑/↓
 * move (PageUp/PageDown a page), Enter runs the active command, Escape or a click outside
 * closes. Disabled commands are listed, dimmed, and skipped. While open the focus stays
 * inside (Tab cycles within it, focus wandering out is brought back) and keys do not reach
 * the editor underneath; on closing, the focus returns to where it was.
 *
 * Running a command closes the palette first (in the same update), so a command that opens
 * something else (the search bar, a picker) gets the focus.
 *
 * Also exported for ./ShortcutSheet: {@link useDialogFocus} and {@link trapTab}.
 */
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type PaletteItem, filterCommands, firstEnabled, highlightParts, moveActive, splitKeys } from "./palette";
import "./palette.css";

export interface PaletteCommand {
  id: string;
  label: string;
  /** The command's shortcut as shown, e.g. "Ctrl+Z" or "↑ / k". */
  keys?: string;
  group: string;
  run: () => void;
  disabled?: boolean;
}

export interface CommandPaletteProps {
  open: boolean;
  commands: PaletteCommand[];
  onClose: () => void;
}

const PAGE = 8;

export function CommandPalette({ open, commands, onClose }: CommandPaletteProps) {
  // Mounted afresh on every opening: the query and the active row start empty.
  return open ? <PaletteDialog commands={commands} onClose={onClose} /> : null;
}

function PaletteDialog({ commands, onClose }: { commands: PaletteCommand[]; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const items = useMemo(() => filterCommands(commands, query), [commands, query]);
  const [active, setActive] = useState(() => firstEnabled(items));
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const optionId = (index: number) => `${baseId}-option-${index}`;
  useDialogFocus(dialogRef, inputRef);

  // A new query (or new commands) makes the best enabled match active.
  const [activeFor, setActiveFor] = useState(items);
  if (activeFor !== items) {
    setActiveFor(items);
    setActive(firstEnabled(items));
  }

  useLayoutEffect(() => {
    const option = active >= 0 ? listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`) : null;
    if (option && typeof option.scrollIntoView === "function") option.scrollIntoView({ block: "nearest" });
  }, [active]);

  const runItem = (index: number) => {
    const item = items[index];
    if (!item || item.command.disabled) return;
    onClose();
    item.command.run();
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    // Keys typed here are the palette's, never the editor's.
    event.stopPropagation();
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        setActive(moveActive(items, active, 1));
        break;
      case "ArrowUp":
        setActive(moveActive(items, active, -1));
        break;
      case "PageDown":
        setActive(moveActive(items, active, PAGE));
        break;
      case "PageUp":
        setActive(moveActive(items, active, -PAGE));
        break;
      case "Enter":
        runItem(active);
        break;
      case "Escape":
        onClose();
        break;
      case "Tab":
        trapTab(event, dialogRef.current);
        handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const grouped = query.trim() === "";
  const sections = grouped ? groupsOf(items) : [{ group: null, entries: items.map((item, index) => ({ item, index })) }];

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="palette-dialog command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onKeyDown={onKeyDown}
      >
        <input
          ref={inputRef}
          className="palette-input"
          type="text"
          value={query}
          placeholder="Type a command…"
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
        />
        <div ref={listRef} id={listId} className="palette-list" role="listbox" aria-label="Commands">
          {items.length === 0 && (
            <div className="palette-empty" role="presentation">
              No command matches
            </div>
          )}
          {sections.map(({ group, entries }) => (
            <div key={group ?? ""} role="group" aria-label={group ?? "Matching commands"} className="palette-group">
              {group !== null && (
                <div className="palette-group-title" role="presentation">
                  {group}
                </div>
              )}
              {entries.map(({ item, index }) => (
                <Option
                  key={item.command.id}
                  id={optionId(index)}
                  index={index}
                  item={item}
                  active={index === active}
                  showGroup={!grouped}
                  onHover={() => {
                    if (!item.command.disabled && index !== active) setActive(index);
                  }}
                  onRun={() => runItem(index)}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function Option({
  id,
  index,
  item,
  active,
  showGroup,
  onHover,
  onRun,
}: {
  id: string;
  index: number;
  item: PaletteItem<PaletteCommand>;
  active: boolean;
  showGroup: boolean;
  onHover: () => void;
  onRun: () => void;
}) {
  const { command } = item;
  return (
    <div
      id={id}
      data-index={index}
      data-command={command.id}
      role="option"
      aria-selected={active}
      aria-disabled={command.disabled ? true : undefined}
      className={`palette-option${active ? " palette-option-active" : ""}${command.disabled ? " palette-option-disabled" : ""}`}
      onMouseMove={onHover}
      // Keep the focus in the input.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      <span className="palette-label">
        {highlightParts(command.label, item.positions).map((part, i) =>
          part.match ? (
            <mark key={i} className="palette-mark">
              {part.text}
            </mark>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </span>
      {showGroup && <span className="palette-option-group">{command.group}</span>}
      {command.keys && <Keys keys={command.keys} />}
    </div>
  );
}

/** A shortcut drawn as keys: alternatives ("↑ / k") each in its own <kbd>. */
export function Keys({ keys }: { keys: string }) {
  const parts = splitKeys(keys);
  return (
    <span className="palette-keys">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <span className="palette-keys-or"> / </span>}
          <kbd>{part}</kbd>
        </span>
      ))}
    </span>
  );
}

function groupsOf<T extends PaletteItem<PaletteCommand>>(items: readonly T[]) {
  const sections: { group: string; entries: { item: T; index: number }[] }[] = [];
  for (const [index, item] of items.entries()) {
    const last = sections[sections.length - 1];
    if (last && last.group === item.command.group) last.entries.push({ item, index });
    else sections.push({ group: item.command.group, entries: [{ item, index }] });
  }
  return sections;
}

// ---------------------------------------------------------------------------------------
// Modal focus, shared with ./ShortcutSheet

const FOCUSABLE =
  'input:not([disabled]), button:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * While the calling dialog is mounted: focuses `initial` (else the dialog itself), brings
 * the focus back whenever it leaves the dialog, and on unmount returns it to the element
 * that had it before (if that is still in the page).
 */
export function useDialogFocus(
  dialog: RefObject<HTMLElement | null>,
  initial?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const home = () => (initial?.current ?? dialog.current)?.focus();
    home();
    const onFocusIn = (event: FocusEvent) => {
      const box = dialog.current;
      if (box && event.target instanceof Node && !box.contains(event.target)) home();
    };
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      if (before && before.isConnected) before.focus();
    };
    // Refs are stable; this runs once per opening.
  }, [dialog, initial]);
}

/** Keeps Tab and Shift+Tab cycling inside `container`. */
export function trapTab(event: ReactKeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== "Tab" || !container) return;
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
  event.preventDefault();
  if (focusable.length === 0) {
    container.focus();
    return;
  }
  const at = focusable.indexOf(document.activeElement as HTMLElement);
  const next = event.shiftKey
    ? at <= 0
      ? focusable.length - 1
      : at - 1
    : at < 0 || at >= focusable.length - 1
      ? 0
      : at + 1;
  focusable[next]!.focus();
}
