/**
 * The keyboard reference: a modal listing every shortcut of the window, in the groups the
 * caller gives (the caller owns the list, so it stays true to the key handlers). Escape,
 * "?" , the Close button or a click outside close it; while open the focus stays inside and
 * keys do not reach the editor underneath.
 */
import { type KeyboardEvent as ReactKeyboardEvent, useId, useRef } from "react";
import { Keys, trapTab, useDialogFocus } from "./CommandPalette";
import "./palette.css";

export interface ShortcutGroup {
  title: string;
  keys: { keys: string; action: string }[];
}

export interface ShortcutSheetProps {
  open: boolean;
  groups: ShortcutGroup[];
  onClose: () => void;
}

export function ShortcutSheet({ open, groups, onClose }: ShortcutSheetProps) {
  return open ? <SheetDialog groups={groups} onClose={onClose} /> : null;
}

function SheetDialog({ groups, onClose }: { groups: ShortcutGroup[]; onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useDialogFocus(dialogRef);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === "Escape" || event.key === "?") {
      event.preventDefault();
      onClose();
    } else if (event.key === "Tab") {
      trapTab(event, dialogRef.current);
    }
  };

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="palette-dialog shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="shortcut-head">
          <h2 id={titleId} className="shortcut-title">
            Keyboard shortcuts
          </h2>
          <button type="button" className="shortcut-close" aria-label="Close the shortcuts" title="Close (Escape or ?)" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="shortcut-groups">
          {groups.map((group) => (
            <section key={group.title} className="shortcut-group" aria-label={group.title}>
              <h3 className="shortcut-group-title">{group.title}</h3>
              <dl className="shortcut-list">
                {group.keys.map((entry, i) => (
                  <div key={`${entry.keys}-${i}`} className="shortcut-row">
                    <dt>
                      <Keys keys={entry.keys} />
                    </dt>
                    <dd>{entry.action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="shortcut-foot">
          Press <kbd>?</kbd> or <kbd>Esc</kbd> to close.
        </p>
      </div>
    </div>
  );
}
