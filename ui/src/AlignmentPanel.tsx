/**
 * One document's alignment, editable from the keyboard (and a toolbar for the mouse). It
 * loads the document and its alignment; a document without one is aligned when opened. Every
 * edit goes to Rust and the panel re-renders from the alignment the command returns, so it
 * never shows a state the project does not hold. Errors appear in the alert line as
 * `code: message`; the panel keeps working.
 *
 * Span links: `.`/`,` walk the selected bead's links (the current one is outlined on both
 * sides), `a` accepts it, `x`/Delete removes it, `A` accepts all the bead's suggestions.
 * A new link is made from the mouse: a text selection inside one side of a bead becomes
 * that side's pending span (the selection is consumed and shown highlighted); with a zh
 * and an en span pending in the same bead, `l` (or "Link selection") links them.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { api, type AlignmentView, type DocumentView, type HistoryStep, type IpcError } from "./api";
import {
  type Action,
  keyAction,
  moveSelection,
  reselect,
  splitCounts,
  summarize,
  summaryText,
} from "./alignment";
import { BeadTable, beadElementId, selectedSpan } from "./BeadTable";
import {
  type PendingLink,
  afterRemoval,
  cycleLink,
  linkTitle,
  orderedLinks,
  quoteOf,
  suggestedLinks,
  withSelection,
} from "./links";

type Phase = "loading" | "aligning" | "ready" | "unaligned" | "failed";

interface Props {
  documentId: number;
  title: string;
}

const LANGUAGE_NAMES: Record<string, string> = { zh: "Chinese", en: "English" };

export function AlignmentPanel({ documentId, title }: Props) {
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [alignment, setAlignment] = useState<AlignmentView | null>(null);
  const [phase, setPhase] = useState<Phase>("loading");
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The current link, remembered with its bead: it counts only while that bead is selected
  // and still has the link.
  const [linkCursor, setLinkCursor] = useState<{ beadId: number; linkId: number } | null>(null);
  const [pending, setPending] = useState<PendingLink | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // Synchronous guards: a key repeat must not start a second edit before React re-renders.
  const busyRef = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const show = useCallback((view: AlignmentView | null, keepId: number | null, keepIndex: number) => {
    setAlignment(view);
    setPhase(view ? "ready" : "unaligned");
    setSelected(view ? reselect(view.beads, keepId, keepIndex) : 0);
  }, []);

  /** Runs one IPC call at a time, showing `label` meanwhile and any error afterwards. */
  const run = useCallback(async <T,>(label: string, call: () => Promise<T>): Promise<T | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(label);
    setError(null);
    try {
      return await call();
    } catch (e) {
      if (mounted.current) {
        setStatus(null);
        setError(e as IpcError);
      }
      return undefined;
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(null);
    }
  }, []);

  // Load the document and its alignment; align it if it has none yet.
  useEffect(() => {
    let cancelled = false;
    busyRef.current = true;
    setBusy("Loading…");
    void (async () => {
      let aligning = false;
      try {
        const [doc, view] = await Promise.all([api.getDocument(documentId), api.getAlignment(documentId)]);
        if (cancelled) return;
        setDocument(doc);
        if (view) {
          show(view, null, 0);
          return;
        }
        aligning = true;
        setPhase("aligning");
        setBusy("Aligning…");
        const aligned = await api.alignDocument(documentId);
        if (cancelled) return;
        show(aligned, null, 0);
        setStatus(`Aligned: ${aligned.beads.length} beads`);
      } catch (e) {
        if (cancelled) return;
        setError(e as IpcError);
        setPhase(aligning ? "unaligned" : "failed");
      } finally {
        if (!cancelled) {
          busyRef.current = false;
          setBusy(null);
        }
      }
    })();
    return () => {
      cancelled = true;
      busyRef.current = false;
    };
  }, [documentId, show]);

  const beads = alignment?.beads ?? [];
  const current = beads[selected];
  const currentLink =
    current && linkCursor && linkCursor.beadId === current.id
      ? (current.links.find((link) => link.id === linkCursor.linkId) ?? null)
      : null;
  const pendingBead = pending ? beads.find((bead) => bead.id === pending.beadId) : undefined;

  /** Applies an edit's result, keeping the selection on the same bead where it survives. */
  const edit = useCallback(
    async (label: string, call: () => Promise<AlignmentView>, done: (view: AlignmentView) => string) => {
      const keepId = current?.id ?? null;
      const view = await run(label, call);
      if (view && mounted.current) {
        show(view, keepId, selected);
        setStatus(done(view));
      }
    },
    [current, run, selected, show],
  );

  const history = useCallback(
    async (undo: boolean) => {
      const keepId = current?.id ?? null;
      const result = await run(undo ? "Undoing…" : "Redoing…", async () => {
        const step: HistoryStep | null = undo ? await api.undo() : await api.redo();
        return { step, view: await api.getAlignment(documentId) };
      });
      if (!result || !mounted.current) return;
      show(result.view, keepId, selected);
      setStatus(
        result.step
          ? `${undo ? "Undone" : "Redone"}: ${result.step.summary}`
          : undo
            ? "Nothing to undo"
            : "Nothing to redo",
      );
    },
    [current, documentId, run, selected, show],
  );

  const refuse = (message: string) => {
    setStatus(null);
    setError({ code: "invalid", message });
  };

  const perform = (action: Action) => {
    switch (action.kind) {
      case "select":
        setSelected((index) => moveSelection(index, action.delta, beads.length));
        return;
      case "selectEdge":
        setSelected(action.edge === "first" ? 0 : beads.length - 1);
        return;
      case "undo":
        void history(true);
        return;
      case "redo":
        void history(false);
        return;
      case "realign":
        if (phase !== "ready" && phase !== "unaligned") return;
        void (async () => {
          const keepId = current?.id ?? null;
          const view = await run("Aligning…", () =>
            alignment ? api.realign(documentId) : api.alignDocument(documentId),
          );
          if (view && mounted.current) {
            show(view, keepId, selected);
            const kept = summarize(view.beads).confirmed;
            setStatus(`Realigned: ${view.beads.length} beads, ${kept} confirmed kept as they were`);
          }
        })();
        return;
      case "clearSelection":
        if (pending) {
          setPending(null);
          setStatus("Dropped the selection");
        }
        return;
      case "linkSelection":
        linkSelection();
        return;
      default:
        break;
    }
    if (!current) return;
    const number = current.position + 1;
    switch (action.kind) {
      case "cycleLink": {
        const next = cycleLink(current.links, currentLink?.id ?? null, action.delta);
        if (next === null) {
          refuse(`bead ${number} has no links`);
          return;
        }
        setLinkCursor({ beadId: current.id, linkId: next });
        const ordered = orderedLinks(current.links);
        const place = ordered.findIndex((link) => link.id === next);
        const link = ordered[place];
        setError(null);
        if (link) setStatus(`Link ${place + 1} of ${ordered.length}: ${linkTitle(link)}`);
        return;
      }
      case "acceptLink": {
        if (!currentLink) {
          refuse(`no link of bead ${number} is chosen: press . or , to choose one`);
          return;
        }
        if (currentLink.status === "accepted") {
          refuse(`link ${currentLink.zhQuote} ↔ ${currentLink.enQuote} is already accepted`);
          return;
        }
        const link = currentLink;
        void edit(
          "Accepting…",
          () => api.acceptLink(documentId, link.id),
          () => `Accepted ${link.zhQuote} ↔ ${link.enQuote}`,
        );
        return;
      }
      case "acceptAllLinks": {
        const ids = suggestedLinks(current.links);
        if (ids.length === 0) {
          refuse(`bead ${number} has no suggested links to accept`);
          return;
        }
        const bead = current;
        void (async () => {
          let accepted = 0;
          const view = await run("Accepting…", async () => {
            // One history step per link: undo takes them back one by one.
            let latest: AlignmentView | null = null;
            try {
              for (const id of ids) {
                latest = await api.acceptLink(documentId, id);
                accepted += 1;
              }
            } catch (e) {
              // Show what was accepted before the refusal, then the refusal.
              if (accepted > 0) {
                const fresh = await api.getAlignment(documentId).catch(() => undefined);
                if (fresh !== undefined && mounted.current) show(fresh, bead.id, selected);
              }
              throw e;
            }
            return latest;
          });
          if (view && mounted.current) {
            show(view, bead.id, selected);
            setStatus(`Accepted ${accepted === 1 ? "1 link" : `${accepted} links`} of bead ${number}`);
          }
        })();
        return;
      }
      case "removeLink": {
        if (!currentLink) {
          refuse(`no link of bead ${number} is chosen: press . or , to choose one`);
          return;
        }
        const link = currentLink;
        const next = afterRemoval(current.links, link.id);
        const beadId = current.id;
        void edit(
          "Removing…",
          () => api.removeLink(documentId, link.id),
          () => {
            setLinkCursor(next === null ? null : { beadId, linkId: next });
            return `Removed ${link.zhQuote} ↔ ${link.enQuote}`;
          },
        );
        return;
      }
      case "confirm": {
        const confirm = current.status !== "confirmed";
        void edit(
          confirm ? "Confirming…" : "Unconfirming…",
          () => api.confirmBead(documentId, current.id, confirm),
          () => (confirm ? `Confirmed bead ${number}` : `Took back the confirmation of bead ${number}`),
        );
        return;
      }
      case "merge": {
        const next = beads[selected + 1];
        if (!next) {
          refuse(`bead ${number} is the last one: there is no next bead to merge it with`);
          return;
        }
        void edit(
          "Merging…",
          () => api.mergeBeads(documentId, current.id, next.id),
          () => `Merged bead ${number + 1} into bead ${number}`,
        );
        return;
      }
      case "split": {
        const counts = splitCounts(current);
        if (!counts) {
          refuse(`bead ${number} has at most one sentence on each side: there is nothing to split`);
          return;
        }
        void edit(
          "Splitting…",
          () => api.splitBead(documentId, current.id, counts.zhCount, counts.enCount),
          () => `Split bead ${number} after its first sentence`,
        );
        return;
      }
      case "move": {
        const { lang, direction } = action;
        const which = direction === "previous" ? "first" : "last";
        void edit(
          "Moving…",
          () => api.moveSentence(documentId, current.id, lang, direction),
          () => `Moved the ${which} ${LANGUAGE_NAMES[lang]} sentence of bead ${number} to the ${direction} bead`,
        );
        return;
      }
    }
  };

  function linkSelection() {
    const zh = pending?.zh;
    const en = pending?.en;
    if (!pending || !pendingBead || !zh || !en) {
      const missing = !pending?.zh && !pending?.en ? "Chinese and English" : pending?.zh ? "English" : "Chinese";
      refuse(`nothing to link yet: select ${missing} text of one bead with the mouse, then press l`);
      return;
    }
    const bead = pendingBead;
    void (async () => {
      const view = await run("Linking…", () => api.addLink(documentId, bead.id, zh, en));
      if (!view || !mounted.current) return;
      show(view, bead.id, selected);
      setPending(null);
      const made = view.beads
        .find((b) => b.id === bead.id)
        ?.links.find((l) => l.zhStart === zh.start && l.zhEnd === zh.end && l.enStart === en.start && l.enEnd === en.end);
      if (made) setLinkCursor({ beadId: bead.id, linkId: made.id });
      setStatus(`Linked ${quoteOf(bead.zh, zh)} ↔ ${quoteOf(bead.en, en)} in bead ${bead.position + 1}`);
    })();
  }

  // The latest `perform`, for the one window key listener.
  const performRef = useRef(perform);
  performRef.current = perform;

  const beadsRef = useRef(beads);
  beadsRef.current = beads;

  // A click on a linked span selects its bead and makes the link current.
  const pickLink = useCallback((index: number, linkId: number) => {
    const bead = beadsRef.current[index];
    if (!bead) return;
    setSelected(index);
    setLinkCursor({ beadId: bead.id, linkId });
  }, []);

  // A mouse selection inside one side of a bead becomes that side's pending span. It is
  // read when the mouse button goes up (not on every selectionchange, which would redraw
  // the row under the dragging mouse), then cleared: the pending span shows it instead.
  useEffect(() => {
    let timer: number | undefined;
    const onMouseUp = () => {
      window.clearTimeout(timer);
      // After the browser has finished updating the selection for this click.
      timer = window.setTimeout(() => {
        const selection = window.getSelection();
        const found = selectedSpan(selection, beadsRef.current);
        if (!found || !mounted.current) return;
        selection?.removeAllRanges();
        const index = beadsRef.current.findIndex((bead) => bead.id === found.beadId);
        if (index >= 0) setSelected(index);
        setPending((previous) => withSelection(previous, found.beadId, found.lang, found.span));
      }, 0);
    };
    window.addEventListener("mouseup", onMouseUp);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("mouseup", onMouseUp);
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target as HTMLElement | null;
      if (target) {
        const tag = target.tagName;
        if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return;
        // Enter and Space on a focused button press that button.
        if (tag === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
      }
      const action = keyAction(event);
      if (!action) return;
      event.preventDefault();
      performRef.current(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Keep the selected row in view, and give the list the keyboard once it is shown.
  useLayoutEffect(() => {
    if (!current) return;
    window.document.getElementById(beadElementId(current))?.scrollIntoView({ block: "nearest" });
  }, [current]);
  useEffect(() => {
    if (phase === "ready") listRef.current?.focus({ preventScroll: true });
  }, [phase]);

  const summary = summarize(beads);
  const editable = phase === "ready" && busy === null;
  const button = (label: string, keys: string, hint: string, action: Action, enabled = editable) => (
    <button
      type="button"
      data-action={action.kind === "move" ? `move-${action.lang}-${action.direction}` : action.kind}
      title={`${hint} (${keys})`}
      aria-keyshortcuts={keys}
      disabled={!enabled}
      // Keep the keyboard on the bead list when a button is clicked.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => perform(action)}
    >
      {label}
    </button>
  );

  return (
    <section className="alignment" aria-label={title} aria-busy={busy !== null}>
      <header className="alignment-head">
        <h1 className="doc-heading">{title}</h1>
        {document && <TextsLine document={document} />}
      </header>
      <div className="toolbar" role="toolbar" aria-label="Edit the alignment">
        {button(current?.status === "confirmed" ? "Unconfirm" : "Confirm", "Enter", "Confirm or unconfirm the selected bead", { kind: "confirm" })}
        {button("Merge with next", "M", "Merge the selected bead with the next one", { kind: "merge" })}
        {button("Split", "S", "Split after the first sentence of each side that has several", { kind: "split" })}
        <span className="toolbar-group" aria-label="Move a sentence">
          {button("zh ↑", "[", "Move the first Chinese sentence to the previous bead", { kind: "move", lang: "zh", direction: "previous" })}
          {button("zh ↓", "]", "Move the last Chinese sentence to the next bead", { kind: "move", lang: "zh", direction: "next" })}
          {button("en ↑", "Shift+[", "Move the first English sentence to the previous bead", { kind: "move", lang: "en", direction: "previous" })}
          {button("en ↓", "Shift+]", "Move the last English sentence to the next bead", { kind: "move", lang: "en", direction: "next" })}
        </span>
        {button("Realign", "R", "Align the unconfirmed beads again", { kind: "realign" }, busy === null && (phase === "ready" || phase === "unaligned"))}
        <span className="toolbar-group">
          {button("Undo", "Control+Z", "Undo the last edit", { kind: "undo" }, busy === null)}
          {button("Redo", "Control+Shift+Z", "Redo (also Ctrl+Y)", { kind: "redo" }, busy === null)}
        </span>
        <span className="toolbar-group" aria-label="Span links">
          {button("Accept link", "A", "Accept the current link of the selected bead (choose it with . and ,)", { kind: "acceptLink" }, editable && currentLink?.status === "suggested")}
          {button("Accept all", "Shift+A", "Accept all suggested links of the selected bead", { kind: "acceptAllLinks" }, editable && (current?.links.some((l) => l.status === "suggested") ?? false))}
          {button("Remove link", "X", "Remove the current link of the selected bead (also Delete)", { kind: "removeLink" }, editable && currentLink !== null)}
          {button("Link selection", "L", "Link the Chinese and English text selected with the mouse in one bead", { kind: "linkSelection" }, editable && pendingBead !== undefined && pending?.zh != null && pending?.en != null)}
        </span>
      </div>
      <div className="status-line">
        {alignment && <span className="summary">{summaryText(summary)}</span>}
        <span className="status" role="status">
          {busy ?? status ?? ""}
        </span>
      </div>
      {pending && pendingBead && (
        <div className="pending-line" data-bead-id={pendingBead.id}>
          <span className="pending-label">To link in bead {pendingBead.position + 1}:</span>{" "}
          <span className="pending-quote" lang="zh-Hans" data-lang="zh">
            {pending.zh ? quoteOf(pendingBead.zh, pending.zh) : "(select Chinese text)"}
          </span>{" "}
          ↔{" "}
          <span className="pending-quote" data-lang="en">
            {pending.en ? quoteOf(pendingBead.en, pending.en) : "(select English text)"}
          </span>{" "}
          <span className="pending-hint">
            — <kbd>l</kbd> link · <kbd>Esc</kbd> drop
          </span>
        </div>
      )}
      {error && (
        <div className="error" role="alert" data-code={error.code}>
          <span className="error-code">{error.code}</span> {error.message}
        </div>
      )}
      {phase === "ready" && alignment ? (
        <BeadTable
          ref={listRef}
          beads={beads}
          selected={selected}
          currentLink={currentLink?.id ?? null}
          pending={pending}
          onSelect={setSelected}
          onPickLink={pickLink}
          label={`Alignment of ${title}`}
        />
      ) : (
        phase !== "failed" && (
        <p className="hint">
          {phase === "aligning"
            ? "Aligning…"
            : phase === "unaligned"
              ? "This document has no alignment (undo took it back). Press r or Realign to align it, or Ctrl+Shift+Z to redo."
              : "Loading…"}
        </p>
        )
      )}
      <p className="help">
        <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> select · <kbd>Enter</kbd> confirm · <kbd>m</kbd> merge
        with next · <kbd>s</kbd> split after the first sentence of each side that has several · <kbd>[</kbd>/
        <kbd>]</kbd> move the first/last Chinese sentence to the previous/next bead (with <kbd>Shift</kbd>: English) ·{" "}
        <kbd>r</kbd> realign unconfirmed · <kbd>Ctrl+Z</kbd> undo · <kbd>Ctrl+Shift+Z</kbd>/<kbd>Ctrl+Y</kbd> redo
        <br />
        Links (dotted: suggested, solid: accepted): <kbd>.</kbd>/<kbd>,</kbd> next/previous link of the bead ·{" "}
        <kbd>a</kbd> accept it · <kbd>x</kbd>/<kbd>Delete</kbd> remove it · <kbd>A</kbd> accept all suggested · select
        Chinese and English text with the mouse, then <kbd>l</kbd> link them (<kbd>Esc</kbd> drops the selection)
      </p>
    </section>
  );
}

function TextsLine({ document }: { document: DocumentView }) {
  const texts = [...document.texts].sort((a, b) => (a.lang === "zh" ? -1 : b.lang === "zh" ? 1 : 0));
  return (
    <p className="texts-line">
      {texts.map((text) => (
        <span key={text.id} className={`text-meta text-meta-${text.lang}`} data-lang={text.lang}>
          {LANGUAGE_NAMES[text.lang] ?? text.lang}: {text.sentences.length} sentences · {text.encoding}
          {text.encodingDetected ? " (detected)" : " (chosen)"}
          {text.originalName ? ` · ${text.originalName}` : ""}
        </span>
      ))}
    </p>
  );
}
