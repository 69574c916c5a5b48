/**
 * The project's history, newest first (the last 200 entries): when, who, what and a line
 * for people; entries undo took back are greyed. Undo and Redo take back or re-apply the
 * project's newest edit (of any kind, alignment or annotation) and then call `onChanged`
 * so the other views re-read. Errors show in the panel's alert line.
 */
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { api } from "./api";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { IpcError } from "./bindings/IpcError";
import { formatTime } from "./entities";
import "./entities.css";

export interface HistoryPanelProps {
  /** Change it to make the panel read the history again. */
  refreshKey: number;
  /** Called after an undo or redo that changed something. */
  onChanged: () => void;
}

const LIMIT = 200;

export function HistoryPanel({ refreshKey, onChanged }: HistoryPanelProps) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const busyRef = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    api
      .history(LIMIT)
      .then((list) => {
        if (!cancelled) setEntries(list);
      })
      .catch((e: IpcError) => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);

  const step = useCallback(
    async (undo: boolean) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(undo ? "Undoing…" : "Redoing…");
      setError(null);
      setStatus(null);
      try {
        const result = undo ? await api.undo() : await api.redo();
        const list = await api.history(LIMIT);
        if (!mounted.current) return;
        setEntries(list);
        setStatus(
          result ? `${undo ? "Undone" : "Redone"}: ${result.summary}` : undo ? "Nothing to undo" : "Nothing to redo",
        );
        if (result) onChanged();
      } catch (e) {
        if (mounted.current) setError(e as IpcError);
      } finally {
        busyRef.current = false;
        if (mounted.current) setBusy(null);
      }
    },
    [onChanged],
  );

  return (
    <section
      className="history-panel"
      aria-label="History"
      aria-busy={busy !== null}
      // Keep the alignment's one-key shortcuts for the alignment.
      onKeyDown={(event: KeyboardEvent) => {
        if (!event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
      }}
    >
      <header className="entity-head">
        <h2>History</h2>
        <div className="entity-actions">
          <button type="button" onClick={() => void step(true)} disabled={busy !== null} title="Undo the newest edit of the project">
            Undo
          </button>
          <button type="button" onClick={() => void step(false)} disabled={busy !== null} title="Redo the edit undone last">
            Redo
          </button>
        </div>
      </header>
      <div className="entity-status-line">
        <span role="status">{busy ?? status ?? ""}</span>
      </div>
      {error && (
        <div className="entity-error" role="alert" data-code={error.code}>
          <span className="entity-error-code">{error.code}</span> {error.message}
        </div>
      )}
      {entries === null ? (
        !error && <p className="entity-hint">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="entity-hint">No edits yet.</p>
      ) : (
        // Explicit roles: in a narrow panel the rows are laid out as grids (entities.css),
        // which would otherwise drop the table's semantics.
        <table className="history-table" role="table" aria-label="Edits, newest first">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                Time
              </th>
              <th scope="col" role="columnheader">
                Actor
              </th>
              <th scope="col" role="columnheader">
                Action
              </th>
              <th scope="col" role="columnheader">
                Summary
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {entries.map((entry) => (
              <tr
                key={entry.id}
                role="row"
                className={entry.undone ? "history-undone" : undefined}
                data-event-id={entry.id}
              >
                <td role="cell" className="history-time">
                  <time dateTime={entry.at} title={entry.at}>
                    {formatTime(entry.at)}
                  </time>
                </td>
                <td role="cell" className="history-actor">
                  {entry.actor}
                </td>
                <td role="cell" className="history-action">
                  {entry.action.replace(/_/g, " ")}
                </td>
                <td role="cell" className="history-summary">
                  {entry.summary}
                  {entry.undone && <span className="history-undone-mark"> (undone)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
