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
 *
 * Mentions (names of entities, ./mentions): the last text selection can instead be tagged
 * with the schema's entity type of a number key 1–9 (accepted, by hand); Tab/Shift+Tab walk
 * the selected bead's mentions (zh, then en), `y` accepts the current one, `n` rejects it,
 * `Y` accepts all the bead's suggestions in one undoable step, `p` projects it to the other
 * side (the new suggestion becomes current), `e` opens a picker that links it to an entity
 * (or creates one from its text), `D` deletes it and `H` shows or hides rejected mentions.
 * Every edit returns only what it changed (the beads, the mentions), which the panel patches
 * into its copy (applyPatch, applyMentionEdit); undo and redo re-read them with the alignment. Every successful edit calls `onEdited`; when
 * `revision` changes because another pane edited the project, the panel re-reads the
 * alignment, the mentions, the types and the entities. A text selection is offered to the
 * other panes through `onSelection` (claims and anchors are made from it).
 *
 * Keys: the panel has no key listener of its own. The window (App) maps every key press
 * through the command table (./alignment COMMANDS) and calls the panel's `perform` through
 * its ref ({@link AlignmentHandle}); the command palette calls the same `perform`, and the
 * toolbar buttons show their keys from the same table.
 *
 * Find (Ctrl+F): the search bar (./SearchBar) sits above the bead list; each result it goes
 * to selects its bead, scrolls to it and is highlighted inside the sentence pieces
 * (BeadTable `highlights`); Escape closes it and gives the bead list the keyboard again.
 */
import {
  type KeyboardEvent as ReactKeyboardEvent,
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  api,
  type AlignmentPatch,
  type AlignmentView,
  type BeadView,
  type DocumentView,
  type EntityView,
  type HistoryStep,
  type IpcError,
  type MentionEdit,
  type MentionView,
} from "./api";
import {
  type Action,
  type Lang,
  applyPatch,
  jumpTarget,
  sentencesToJoin,
  commandKeys,
  commandOf,
  moveSelection,
  reselect,
  splitCounts,
  summarize,
  summaryText,
} from "./alignment";
import type { Inspected } from "./InspectorPanel";
import {
  BeadTable,
  type BeadTableHandle,
  type Caret,
  type Highlight,
  type MentionContext,
  type SelectedSpan,
  beadElementId,
  caretIn,
  selectedSpan,
} from "./BeadTable";
import { type SearchHit, SearchBar } from "./SearchBar";
import { markDocumentOpen, markEditSent } from "./perf";
import {
  type PendingLink,
  afterRemoval,
  cycleLink,
  linkQuotes,
  linkTitle,
  orderedLinks,
  quoteOf,
  suggestedLinks,
  withSelection,
} from "./links";
import {
  type BeadMentions,
  addedMentions,
  afterMention,
  cycleMention,
  entityLabel,
  filterEntities,
  mentionAt,
  MentionIndex,
  suggestedMentions,
  typeForKey,
  typeIndex,
  applyMentionEdit,
  walkOrder,
} from "./mentions";

/** A text selection in one side of a bead, in code points into that side's text. */
export interface TextSelection {
  documentId: number;
  beadId: number;
  lang: Lang;
  start: number;
  end: number;
  quote: string;
}

const NO_MENTIONS: BeadMentions = { zh: [], en: [] };
/** How long an edit may take before the status line says it is under way. */
const BUSY_LABEL_AFTER_MS = 150;

type Phase = "loading" | "aligning" | "ready" | "unaligned" | "failed";

interface Props {
  documentId: number;
  title: string;
  /** Bumped after every edit anywhere in the window (see the module doc). */
  revision?: number;
  /** Called after each successful edit of this panel. */
  onEdited?: () => void;
  /** The text selected in the parallel view, or null when it is dropped. */
  onSelection?: (selection: TextSelection | null) => void;
  /** Receives the document's mentions whenever they change (the entity panel lists them). */
  onMentions?: (mentions: readonly MentionView[]) => void;
  /** Receives what is selected (bead, text, caret, name, link) whenever it changes. */
  onInspect?: (inspected: Inspected | null) => void;
}

const LANGUAGE_NAMES: Record<string, string> = { zh: "Chinese", en: "English" };

/**
 * What the window (App) asks of the panel: its one key listener and the command palette
 * both call `perform` with an action of the command table (./alignment COMMANDS), so a key
 * and its palette command do exactly the same thing.
 */
export interface AlignmentHandle {
  /** Does what the action's key does. */
  perform: (action: Action) => void;
  /** Whether the action can do anything now (the palette dims the others). */
  available: (action: Action) => boolean;
  /** The schema's entity types, in key order (1–9 tag with them). */
  entityTypes: () => string[];
}

// Memoised: the window re-renders when the panel reports its mentions or its selection,
// and that must not draw the panel (and its O(beads) summaries) a second time.
export const AlignmentPanel = memo(forwardRef<AlignmentHandle, Props>(function AlignmentPanel(
  { documentId, title, revision = 0, onEdited, onSelection, onMentions, onInspect },
  ref,
) {
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [alignment, setAlignment] = useState<AlignmentView | null>(null);
  const [phase, setPhase] = useState<Phase>("loading");
  const [selected, setSelected] = useState(0);
  // Bumped by the keys that move the selection, so the selected row is scrolled back into
  // view even when the selection did not change (Home on the first bead after scrolling away).
  const [scrollTick, setScrollTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The current link, remembered with its bead: it counts only while that bead is selected
  // and still has the link.
  const [linkCursor, setLinkCursor] = useState<{ beadId: number; linkId: number } | null>(null);
  const [pending, setPending] = useState<PendingLink | null>(null);
  // Mentions: the document's (all statuses), the schema's types, the registry.
  const [mentions, setMentions] = useState<MentionView[]>([]);
  // The same mentions, indexed for drawing a bead's (null until the alignment and they are read).
  const [mentionIndex, setMentionIndex] = useState<MentionIndex | null>(null);
  const [entityTypes, setEntityTypes] = useState<string[]>([]);
  const [entities, setEntities] = useState<EntityView[]>([]);
  const [showRejected, setShowRejected] = useState(false);
  // Accepted names with no counterpart on the other side of their bead (mention id → bead
  // id), while they are marked (O, or o to go to the next); null: not marked.
  const [oneSided, setOneSided] = useState<ReadonlyMap<number, number> | null>(null);
  const [mentionCursor, setMentionCursor] = useState<{ beadId: number; mentionId: number } | null>(null);
  // The last text selection (what 1–9 tag), and the mention the entity picker links.
  const [lastSelection, setLastSelection] = useState<SelectedSpan | null>(null);
  // Where the last click left the caret in a sentence (what `b` splits at, `J` joins from).
  const [caret, setCaret] = useState<Caret | null>(null);
  const [picker, setPicker] = useState<MentionView | null>(null);
  // Find (Ctrl+F): whether the bar is open, a counter that re-focuses it, the result it is on.
  const [searchOpen, setSearchOpen] = useState(false);
  const [searchFocus, setSearchFocus] = useState(0);
  const [searchHit, setSearchHit] = useState<SearchHit | null>(null);
  const mentionsRef = useRef(mentions);
  mentionsRef.current = mentions;
  const alignmentRef = useRef(alignment);
  alignmentRef.current = alignment;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  // Edits of ours whose `revision` bump is still to come (those need no re-read).
  const ownEdits = useRef(0);
  const onEditedRef = useRef(onEdited);
  onEditedRef.current = onEdited;
  const onSelectionRef = useRef(onSelection);
  onSelectionRef.current = onSelection;
  const onMentionsRef = useRef(onMentions);
  onMentionsRef.current = onMentions;
  const onInspectRef = useRef(onInspect);
  onInspectRef.current = onInspect;
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
    markEditSent(label);
    // An edit answers in a few milliseconds: say "Confirming…" only when one takes long, so
    // a quick edit draws the panel once (with its result), not twice.
    const slow = window.setTimeout(() => {
      if (mounted.current) setBusy(label);
    }, BUSY_LABEL_AFTER_MS);
    setError(null);
    try {
      const result = await call();
      // Every call through here is an edit (or undo/redo): tell the other panes, once this
      // panel has drawn the result (their re-reading is not what the user waits for).
      if (onEditedRef.current) {
        ownEdits.current += 1;
        requestAnimationFrame(() => window.setTimeout(() => onEditedRef.current?.(), 0));
      }
      return result;
    } catch (e) {
      if (mounted.current) {
        setStatus(null);
        setError(e as IpcError);
      }
      return undefined;
    } finally {
      window.clearTimeout(slow);
      busyRef.current = false;
      if (mounted.current) setBusy(null);
    }
  }, []);

  // Load the document and its alignment; align it if it has none yet.
  useEffect(() => {
    let cancelled = false;
    busyRef.current = true;
    markDocumentOpen(documentId);
    setBusy("Loading…");
    void (async () => {
      let aligning = false;
      try {
        // The rows first: the texts' encodings and the mentions are read after them, so a
        // long document shows sooner.
        const view = await api.getAlignment(documentId);
        if (cancelled) return;
        // Mentions, types and entities: a failure shows in the alert line, the alignment
        // stays editable.
        void Promise.all([api.listMentions(documentId), api.annotationSchema(), api.listEntities(), api.getDocumentTexts(documentId)])
          .then(([found, schema, registry, doc]) => {
            if (cancelled) return;
            setMentions(found);
            setEntityTypes(schema.entityTypes);
            setEntities(registry);
            setDocument(doc);
          })
          .catch((e: IpcError) => {
            if (!cancelled) setError(e);
          });
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
  // The index follows the mentions: patched along with them after a mention edit, built
  // again when they are read again (opening, undo, another pane's edit) or the texts change.
  const patchedMentions = useRef<MentionView[] | null>(null);
  const zhTextId = alignment?.zhTextId;
  const enTextId = alignment?.enTextId;
  const indexedTexts = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (zhTextId === undefined || enTextId === undefined) {
      setMentionIndex(null);
      indexedTexts.current = null;
      return;
    }
    const texts = `${zhTextId}/${enTextId}`;
    if (patchedMentions.current === mentions && indexedTexts.current === texts) return;
    indexedTexts.current = texts;
    setMentionIndex(MentionIndex.build(mentions, { zh: zhTextId, en: enTextId }));
  }, [mentions, zhTextId, enTextId]);
  useEffect(() => onMentionsRef.current?.(mentions), [mentions]);
  // The next document's panel reports its own; this one's must not linger after it is gone.
  useEffect(() => () => onMentionsRef.current?.([]), []);
  const entityById = useMemo(() => new Map(entities.map((entity) => [entity.id, entity])), [entities]);
  const mentionsOf = useCallback(
    (bead: BeadView) => mentionIndex?.of(bead, showRejected) ?? NO_MENTIONS,
    [mentionIndex, showRejected],
  );
  const oneSidedIds = useMemo(() => (oneSided ? new Set(oneSided.keys()) : null), [oneSided]);
  const mentionContext: MentionContext = useMemo(
    () => ({ of: mentionsOf, entityTypes, entities: entityById, oneSided: oneSidedIds }),
    [mentionsOf, entityTypes, entityById, oneSidedIds],
  );
  const beadMentions = current ? walkOrder(mentionsOf(current)) : [];
  const currentMention =
    current && mentionCursor && mentionCursor.beadId === current.id
      ? (beadMentions.find((m) => m.id === mentionCursor.mentionId) ?? null)
      : null;

  // The inspector follows the selection.
  useEffect(() => {
    if (!current || !alignment) {
      onInspectRef.current?.(null);
      return;
    }
    const chosen = lastSelection?.beadId === current.id ? lastSelection : null;
    onInspectRef.current?.({
      documentId,
      bead: current,
      number: selected + 1,
      selection: chosen && {
        lang: chosen.lang,
        start: chosen.span.start,
        end: chosen.span.end,
        quote: quoteOf(current[chosen.lang], chosen.span),
      },
      caret: caret?.beadId === current.id ? { lang: caret.lang, at: caret.at } : null,
      mention: currentMention,
      link: currentLink,
      textIds: { zh: alignment.zhTextId, en: alignment.enTextId },
    });
  }, [documentId, current, selected, alignment, lastSelection, caret, currentMention, currentLink]);
  useEffect(() => () => onInspectRef.current?.(null), []);

  /** Applies a mention edit's result (what it added, changed or deleted) to the panel's copy. */
  const editMentions = useCallback(
    async (
      label: string,
      call: () => Promise<MentionEdit>,
      done: (edit: MentionEdit, before: MentionView[]) => string,
    ): Promise<MentionEdit | undefined> => {
      const before = mentionsRef.current;
      const result = await run(label, call);
      if (result && mounted.current) {
        const patched = applyMentionEdit(mentionsRef.current, result);
        patchedMentions.current = patched;
        setMentions(patched);
        setMentionIndex((index) => index?.withEdit(result) ?? null);
        setStatus(done(result, before));
      }
      return result;
    },
    [run],
  );

  const refreshEntities = useCallback(async () => {
    try {
      const registry = await api.listEntities();
      if (mounted.current) setEntities(registry);
    } catch (e) {
      if (mounted.current) setError(e as IpcError);
    }
  }, []);

  // Another pane edited the project (`revision` moved without an edit of ours): re-read
  // what this panel shows.
  const lastRevision = useRef(revision);
  useEffect(() => {
    const steps = revision - lastRevision.current;
    if (steps === 0) return;
    lastRevision.current = revision;
    // Bumps of our own edits need no re-read (React may batch several into one render).
    const mine = Math.min(ownEdits.current, Math.max(steps, 0));
    ownEdits.current -= mine;
    if (steps > 0 && steps === mine) return;
    void Promise.all([
      api.getAlignment(documentId),
      api.listMentions(documentId),
      api.listEntities(),
      api.annotationSchema(),
    ])
      .then(([view, found, registry, schema]) => {
        if (!mounted.current) return;
        const keep = alignmentRef.current?.beads[selectedRef.current];
        show(view, keep?.id ?? null, selectedRef.current);
        setMentions(found);
        setEntities(registry);
        setEntityTypes(schema.entityTypes);
      })
      .catch((e: IpcError) => {
        if (mounted.current) setError(e);
      });
  }, [revision, documentId, show]);

  /** Applies an edit's result, keeping the selection on the same bead where it survives. */
  /**
   * The alignment after an edit: the panel's copy patched with the beads the edit changed,
   * or read again when the patch does not fit it.
   */
  const patched = useCallback(
    async (patch: AlignmentPatch): Promise<AlignmentView | null> => {
      const shown = alignmentRef.current;
      const view = shown ? applyPatch(shown, patch) : null;
      return view ?? (await api.getAlignment(documentId));
    },
    [documentId],
  );

  const edit = useCallback(
    async (label: string, call: () => Promise<AlignmentPatch>, done: (patch: AlignmentPatch) => string) => {
      const keepId = current?.id ?? null;
      const result = await run(label, async () => {
        const patch = await call();
        return { patch, view: await patched(patch) };
      });
      if (result && mounted.current) {
        show(result.view, keepId, selected);
        setStatus(done(result.patch));
      }
    },
    [current, run, selected, show, patched],
  );

  const history = useCallback(
    async (undo: boolean) => {
      const keepId = current?.id ?? null;
      const result = await run(undo ? "Undoing…" : "Redoing…", async () => {
        const step: HistoryStep | null = undo ? await api.undo() : await api.redo();
        const [view, found, registry] = await Promise.all([
          api.getAlignment(documentId),
          api.listMentions(documentId),
          api.listEntities(),
        ]);
        return { step, view, found, registry };
      });
      if (!result || !mounted.current) return;
      show(result.view, keepId, selected);
      setMentions(result.found);
      setEntities(result.registry);
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

  /** Reads which accepted names lack a counterpart in their bead, and marks them. */
  const readOneSided = useCallback(async (): Promise<ReadonlyMap<number, number> | null> => {
    try {
      const list = await api.oneSidedMentions(documentId);
      const found = new Map(list.map((one) => [one.mention.id, one.beadId]));
      if (mounted.current) setOneSided(found);
      return found;
    } catch (e) {
      if (mounted.current) setError(e as IpcError);
      return null;
    }
  }, [documentId]);

  // While they are marked, an edit of the names or of the beads may change which are one-sided.
  const oneSidedShown = oneSided !== null;
  useEffect(() => {
    if (oneSidedShown) void readOneSided();
  }, [mentions, alignment, oneSidedShown, readOneSided]);

  const jumpToOneSided = async (delta: 1 | -1) => {
    const found = oneSided ?? (await readOneSided());
    if (!found || !mounted.current) return;
    const beadIds = new Set(found.values());
    const from = selectedRef.current;
    const index = jumpTarget(beadsRef.current, from, "oneSided", delta, beadIds);
    setError(null);
    if (index === null) {
      setStatus("Every accepted name has its counterpart on the other side of its bead");
      return;
    }
    setSelected(index);
    setScrollTick((t) => t + 1);
    const here = [...found.entries()].filter(([, bead]) => bead === beadsRef.current[index]?.id).length;
    setStatus(`Bead ${index + 1}: ${here === 1 ? "1 name" : `${here} names`} missing on the other side (◂) · ${oneSidedText(found.size)}`);
  };

  const refuse = (message: string) => {
    setStatus(null);
    setError({ code: "invalid", message });
  };

  const perform = (action: Action) => {
    switch (action.kind) {
      case "select":
        setSelected((index) => moveSelection(index, action.delta, beads.length));
        setScrollTick((t) => t + 1);
        return;
      case "selectEdge":
        setSelected(action.edge === "first" ? 0 : beads.length - 1);
        setScrollTick((t) => t + 1);
        return;
      case "jump": {
        if (action.to === "oneSided") {
          void jumpToOneSided(action.delta);
          return;
        }
        const found = jumpTarget(beads, selected, action.to, action.delta);
        const what = action.to === "unconfirmed" ? "unconfirmed" : "unconfirmed low-confidence";
        if (found === null) {
          setError(null);
          setStatus(`No ${what} bead left: every one is settled`);
          return;
        }
        setSelected(found);
        setScrollTick((t) => t + 1);
        setError(null);
        setStatus(`Bead ${found + 1}: ${what}`);
        return;
      }
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
        if (pending || lastSelection) {
          setPending(null);
          setLastSelection(null);
          onSelectionRef.current?.(null);
          setStatus("Dropped the selection");
        } else if (searchOpen) {
          closeSearch();
        }
        return;
      case "search":
        if (phase !== "ready") return;
        setSearchOpen(true);
        setSearchFocus((n) => n + 1);
        return;
      case "linkSelection":
        linkSelection();
        return;
      case "tagMention":
        tagMention(action.key);
        return;
      case "toggleOneSided":
        if (oneSided) {
          setOneSided(null);
          setError(null);
          setStatus("Names missing on the other side are no longer marked");
        } else {
          void readOneSided().then((found) => {
            if (found) setStatus(`${oneSidedText(found.size)} (marked ◂; o goes to the next)`);
          });
        }
        return;
      case "toggleRejected":
        setShowRejected((shown) => !shown);
        setError(null);
        setStatus(showRejected ? "Rejected names hidden" : "Rejected names shown (struck through)");
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
        if (link) setStatus(`Link ${place + 1} of ${ordered.length}: ${linkTitle(current, link)}`);
        return;
      }
      case "acceptLink": {
        if (!currentLink) {
          refuse(`no link of bead ${number} is chosen: press . or , to choose one`);
          return;
        }
        if (currentLink.status === "accepted") {
          refuse(`link ${linkQuotes(current, currentLink)} is already accepted`);
          return;
        }
        const link = currentLink;
        void edit(
          "Accepting…",
          () => api.acceptLink(documentId, link.id),
          () => `Accepted ${linkQuotes(current, link)}`,
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
            let latest: AlignmentView | null = alignmentRef.current;
            try {
              for (const id of ids) {
                const patch = await api.acceptLink(documentId, id);
                latest = (latest && applyPatch(latest, patch)) ?? (await api.getAlignment(documentId));
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
            return `Removed ${linkQuotes(current, link)}`;
          },
        );
        return;
      }
      case "cycleMention": {
        const next = cycleMention(beadMentions, currentMention?.id ?? null, action.delta);
        if (next === null) {
          refuse(`bead ${number} has no names${showRejected ? "" : " (rejected ones are hidden: H shows them)"}`);
          return;
        }
        setMentionCursor({ beadId: current.id, mentionId: next });
        const place = beadMentions.findIndex((m) => m.id === next);
        const mention = beadMentions[place];
        setError(null);
        if (mention) setStatus(`Name ${place + 1} of ${beadMentions.length}: ${describe(mention)}`);
        return;
      }
      case "acceptMention":
      case "rejectMention": {
        const mention = needMention(number);
        if (!mention) return;
        const status = action.kind === "acceptMention" ? "accepted" : "rejected";
        if (mention.status === status) {
          refuse(`${mention.quote} is already ${status}`);
          return;
        }
        const beadId = current.id;
        const next = showRejected || status === "accepted" ? mention.id : afterMention(beadMentions, mention.id);
        void editMentions(
          status === "accepted" ? "Accepting…" : "Rejecting…",
          () => api.setMentionStatus(documentId, [mention.id], status),
          () => {
            setMentionCursor(next === null ? null : { beadId, mentionId: next });
            return `${status === "accepted" ? "Accepted" : "Rejected"} ${mention.quote} (${mention.typeName})`;
          },
        );
        return;
      }
      case "acceptAllMentions": {
        const ids = suggestedMentions(beadMentions);
        if (ids.length === 0) {
          refuse(`bead ${number} has no suggested names to accept`);
          return;
        }
        void editMentions(
          "Accepting…",
          () => api.setMentionStatus(documentId, ids, "accepted"),
          (result) => `Accepted ${result.changed === 1 ? "1 suggested name" : `${result.changed} suggested names`} of bead ${number}`,
        );
        return;
      }
      case "projectMention": {
        const mention = needMention(number);
        if (!mention) return;
        if (mention.status !== "accepted") {
          refuse(`${mention.quote} is ${mention.status}: accept it (y) before projecting it`);
          return;
        }
        const beadId = current.id;
        const other = mention.lang === "zh" ? "English" : "Chinese";
        void editMentions(
          "Projecting…",
          () => api.projectMentions(documentId, [mention.id]),
          (result, before) => {
            const added = addedMentions(before, result.updated);
            const made = added[0];
            if (!made) return `Found no new counterpart of ${mention.quote} in the ${other} of bead ${number}`;
            setMentionCursor({ beadId, mentionId: made.id });
            return `Projected ${mention.quote} → ${made.quote} (suggested; y accepts, e links)`;
          },
        );
        return;
      }
      case "linkEntity": {
        const mention = needMention(number);
        if (!mention) return;
        setError(null);
        setPicker(mention);
        void refreshEntities();
        return;
      }
      case "deleteMention": {
        const mention = needMention(number);
        if (!mention) return;
        const beadId = current.id;
        const next = afterMention(beadMentions, mention.id);
        void editMentions(
          "Deleting…",
          () => api.deleteMentions(documentId, [mention.id]),
          () => {
            setMentionCursor(next === null ? null : { beadId, mentionId: next });
            return `Deleted the name ${mention.quote} (${mention.typeName})`;
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
      case "splitSentence": {
        // At the caret a click left in this bead, or else right after the search result
        // the search is on (the keyboard's way to a place in a sentence).
        const at: { lang: Lang; at: number } | null =
          caret?.beadId === current.id
            ? caret
            : searchOpen && searchHit?.beadId === current.id
              ? { lang: searchHit.lang, at: searchHit.end }
              : null;
        if (!at) {
          refuse(`no caret in bead ${number}: click in a sentence where it should be split (or find the place with Ctrl+F), then press b`);
          return;
        }
        const sentence = current[at.lang].find((s) => s.start < at.at && at.at < s.end);
        if (!sentence) {
          refuse(`the caret is at the edge of a sentence: click inside the sentence where it should be split`);
          return;
        }
        const cut = at.at - sentence.start;
        void edit(
          "Splitting…",
          () => api.splitSentence(documentId, current.id, sentence.id, at.at),
          () => `Split ${LANGUAGE_NAMES[at.lang]} sentence ${sentence.ordinal + 1} of bead ${number} after “${[...sentence.text].slice(Math.max(0, cut - 12), cut).join("")}”`,
        );
        setCaret(null);
        return;
      }
      case "mergeSentences": {
        const join = sentencesToJoin(current, caret?.beadId === current.id ? caret : null);
        if ("refused" in join) {
          refuse(`bead ${number}: ${join.refused}`);
          return;
        }
        const side = current[join.lang];
        const first = side.find((s) => s.id === join.sentenceId);
        void edit(
          "Joining…",
          () => api.mergeSentences(documentId, current.id, join.sentenceId),
          () => `Joined ${LANGUAGE_NAMES[join.lang]} sentences ${(first?.ordinal ?? 0) + 1} and ${(first?.ordinal ?? 0) + 2} of bead ${number}`,
        );
        setCaret(null);
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

  /** Whether `action` can do anything now: the toolbar's and the palette's enabled state. */
  function available(action: Action): boolean {
    const editable = phase === "ready" && busy === null;
    switch (action.kind) {
      case "select":
      case "selectEdge":
        return beads.length > 0;
      case "undo":
      case "redo":
        return busy === null;
      case "realign":
        return busy === null && (phase === "ready" || phase === "unaligned");
      case "search":
        return phase === "ready";
      case "clearSelection":
        return pending !== null || lastSelection !== null || searchOpen;
      case "toggleRejected":
      case "toggleOneSided":
        return phase === "ready";
      case "confirm":
        return editable && current !== undefined;
      case "merge":
        return editable && current !== undefined && selected + 1 < beads.length;
      case "split":
        return editable && current !== undefined && splitCounts(current) !== null;
      case "move":
        return editable && current !== undefined;
      case "jump":
        return beads.length > 0;
      case "splitSentence":
        return editable && current !== undefined && (caret?.beadId === current.id || (searchOpen && searchHit?.beadId === current.id));
      case "mergeSentences":
        return editable && current !== undefined && !("refused" in sentencesToJoin(current, caret?.beadId === current.id ? caret : null));
      case "cycleLink":
        return current !== undefined && current.links.length > 0;
      case "acceptLink":
        return editable && currentLink?.status === "suggested";
      case "acceptAllLinks":
        return editable && (current?.links.some((l) => l.status === "suggested") ?? false);
      case "removeLink":
        return editable && currentLink !== null;
      case "linkSelection":
        return editable && pendingBead !== undefined && pending?.zh != null && pending?.en != null;
      case "tagMention":
        return editable && typeForKey(entityTypes, action.key) !== null;
      case "cycleMention":
        return beadMentions.length > 0;
      case "acceptMention":
        return editable && currentMention !== null && currentMention.status !== "accepted";
      case "rejectMention":
        return editable && currentMention !== null && currentMention.status !== "rejected";
      case "acceptAllMentions":
        return editable && beadMentions.some((m) => m.status === "suggested");
      case "projectMention":
        return editable && currentMention?.status === "accepted";
      case "linkEntity":
      case "deleteMention":
        return editable && currentMention !== null;
      default:
        // The window's own actions (App performs them).
        return true;
    }
  }

  function closeSearch() {
    setSearchOpen(false);
    setSearchHit(null);
    listRef.current?.focus({ preventScroll: true });
  }

  /** The current mention, or a refusal saying how to choose one. */
  function needMention(number: number): MentionView | null {
    if (currentMention) return currentMention;
    refuse(`no name of bead ${number} is chosen: press Tab to choose one, or click it`);
    return null;
  }

  function describe(mention: MentionView): string {
    const entity = mention.entityId === null ? undefined : entityById.get(mention.entityId);
    const origin = mention.origin === "manual" ? "by hand" : mention.origin;
    return `${mention.quote} · ${mention.typeName} · ${mention.status} (${origin})${entity ? ` → ${entityLabel(entity)}` : ""}`;
  }

  /** Tags the text selected last (or the window's live selection) with the type of `key`. */
  function tagMention(key: string) {
    const typeName = typeForKey(entityTypes, key);
    if (typeName === null) {
      refuse(
        entityTypes.length === 0
          ? "the entity types are not loaded yet"
          : `key ${key} has no entity type: 1–${entityTypes.length} are ${entityTypes.join(", ")}`,
      );
      return;
    }
    const live = selectedSpan(window.getSelection(), beads);
    const chosen = live ?? lastSelection;
    const bead = chosen ? beads.find((b) => b.id === chosen.beadId) : undefined;
    if (!chosen || !bead) {
      // Nothing selected: retype the current mention.
      if (currentMention) {
        const mention = currentMention;
        if (mention.typeName === typeName) {
          refuse(`${mention.quote} is already a ${typeName}`);
          return;
        }
        void editMentions(
          "Retyping…",
          () => api.setMentionType(documentId, [mention.id], typeName),
          () => `Retyped ${mention.quote}: ${mention.typeName} → ${typeName}`,
        );
        return;
      }
      refuse(`nothing to tag: select a name in one side of a bead with the mouse, then press ${key} (${typeName})`);
      return;
    }
    if (live) window.getSelection()?.removeAllRanges();
    const { lang, span } = chosen;
    const sentences = bead[lang];
    const within = sentences.some((s) => s.start <= span.start && span.end <= s.end);
    const quote = quoteOf(sentences, span);
    void (async () => {
      const result = await editMentions(
        "Tagging…",
        () => api.addMention(documentId, lang, span.start, span.end, within ? quote : null, typeName),
        (edit) => `Tagged ${edit.mention?.quote ?? quote} as ${typeName} in bead ${bead.position + 1}`,
      );
      if (!result || !mounted.current) return;
      setLastSelection(null);
      // The selection is used up: drop it from the link waiting for `l` too.
      setPending((previous) => {
        if (!previous || previous.beadId !== bead.id) return previous;
        const rest = { ...previous, [lang]: null };
        return rest.zh === null && rest.en === null ? null : rest;
      });
      const index = beadsRef.current.findIndex((b) => b.id === bead.id);
      if (index >= 0) setSelected(index);
      if (result.mention) setMentionCursor({ beadId: bead.id, mentionId: result.mention.id });
    })();
  }

  async function linkToEntity(mention: MentionView, choice: { entity: EntityView } | { create: true } | { unlink: true }) {
    setPicker(null);
    listRef.current?.focus({ preventScroll: true });
    if ("unlink" in choice) {
      await editMentions(
        "Unlinking…",
        () => api.linkMentions(documentId, [mention.id], null),
        () => `Took ${mention.quote} off its entity`,
      );
      void refreshEntities();
      return;
    }
    let entity: EntityView | null = "entity" in choice ? choice.entity : null;
    if ("create" in choice) {
      const made = await run("Creating the entity…", () =>
        api.createEntity({
          typeName: mention.typeName,
          ...(mention.lang === "zh" ? { nameZh: mention.quote } : { nameEn: mention.quote }),
        }),
      );
      if (!made || !mounted.current) return;
      setEntities(made.entities);
      entity = made.entity;
    }
    if (!entity) return;
    const target = entity;
    await editMentions(
      "Linking…",
      () => api.linkMentions(documentId, [mention.id], target.id),
      () => `Linked ${mention.quote} to ${entityLabel(target)}${"create" in choice ? " (new entity)" : ""}`,
    );
    void refreshEntities();
  }

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
      const result = await run("Linking…", async () => {
        const patch = await api.addLink(documentId, bead.id, zh, en);
        return { patch, view: await patched(patch) };
      });
      if (!result || !mounted.current) return;
      show(result.view, bead.id, selected);
      setPending(null);
      const made = result.patch.beads
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
  const pickMention = useCallback((index: number, mentionId: number) => {
    const bead = beadsRef.current[index];
    if (!bead) return;
    setSelected(index);
    setMentionCursor({ beadId: bead.id, mentionId });
  }, []);

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
        if (!mounted.current) return;
        if (!found) {
          const at = caretIn(selection, beadsRef.current);
          setCaret(at);
          if (at) {
            const index = beadsRef.current.findIndex((bead) => bead.id === at.beadId);
            if (index >= 0) setSelected(index);
            const sentence = beadsRef.current[index]?.[at.lang].find((s) => s.id === at.sentenceId);
            if (sentence) {
              setError(null);
              setStatus(
                `Caret in ${LANGUAGE_NAMES[at.lang]} sentence ${sentence.ordinal + 1} of bead ${index + 1}: b splits it here, J joins it with the next`,
              );
            }
          }
          return;
        }
        setCaret(null);
        selection?.removeAllRanges();
        const index = beadsRef.current.findIndex((bead) => bead.id === found.beadId);
        if (index >= 0) setSelected(index);
        setPending((previous) => withSelection(previous, found.beadId, found.lang, found.span));
        setLastSelection(found);
        const bead = beadsRef.current[index];
        onSelectionRef.current?.({
          documentId,
          beadId: found.beadId,
          lang: found.lang,
          start: found.span.start,
          end: found.span.end,
          quote: bead ? quoteOf(bead[found.lang], found.span) : "",
        });
        // The name under the selection becomes the current one (for y, n, p, e).
        const under = mentionAt(mentionsRef.current.filter((m) => m.status !== "rejected"), found.lang, found.span);
        if (under) setMentionCursor({ beadId: found.beadId, mentionId: under.id });
      }, 0);
    };
    window.addEventListener("mouseup", onMouseUp);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("mouseup", onMouseUp);
    };
  }, [documentId]);

  const availableRef = useRef(available);
  availableRef.current = available;
  const entityTypesRef = useRef(entityTypes);
  entityTypesRef.current = entityTypes;
  // The window's one key listener (App) and its command palette act through this.
  useImperativeHandle(
    ref,
    () => ({
      perform: (action) => performRef.current(action),
      available: (action) => availableRef.current(action),
      entityTypes: () => entityTypesRef.current,
    }),
    [],
  );

  const goToHit = useCallback((hit: SearchHit) => {
    setSelected(hit.beadIndex);
    setSearchHit(hit);
  }, []);
  const highlights: Highlight[] | undefined = useMemo(
    () =>
      searchOpen && searchHit
        ? [{ beadId: searchHit.beadId, lang: searchHit.lang, start: searchHit.start, end: searchHit.end, current: true }]
        : undefined,
    [searchOpen, searchHit],
  );

  // Keep the selected row in view, and give the list the keyboard once it is shown.
  // (The table renders only the rows near the view, so it scrolls to an index.)
  const tableRef = useRef<BeadTableHandle>(null);
  useLayoutEffect(() => {
    if (!current) return;
    tableRef.current?.scrollToIndex(selected);
  }, [current, selected, scrollTick]);
  useEffect(() => {
    if (phase === "ready") listRef.current?.focus({ preventScroll: true });
  }, [phase]);

  // A search result is scrolled to even inside the selected bead (a long bead, or the user
  // scrolled away): its highlighted characters, else its row.
  // A hit whose row is not rendered (the table is virtualised) is first scrolled to by
  // index; its highlight is then scrolled into view on the next frame, once rendered.
  useLayoutEffect(() => {
    if (!searchHit) return;
    const doc = window.document;
    const find = () =>
      doc.querySelector(".search-hit-current") ?? doc.getElementById(beadElementId({ id: searchHit.beadId }));
    if (doc.getElementById(beadElementId({ id: searchHit.beadId }))) {
      find()?.scrollIntoView({ block: "nearest" });
      return;
    }
    tableRef.current?.scrollToIndex(searchHit.beadIndex);
    let frame = requestAnimationFrame(() => {
      const target = find();
      if (target) {
        target.scrollIntoView({ block: "nearest" });
        return;
      }
      // Rows measured on that frame may have moved it: one more frame.
      frame = requestAnimationFrame(() => find()?.scrollIntoView({ block: "nearest" }));
    });
    return () => cancelAnimationFrame(frame);
  }, [searchHit]);

  const summary = summarize(beads);
  // The keys a button shows come from the command table, like the palette's and the sheet's.
  const button = (label: string, hint: string, action: Action, enabled = available(action)) => {
    const command = commandOf(action);
    const keys = command ? commandKeys(command) : "";
    return (
    <button
      type="button"
      data-action={
        action.kind === "move"
          ? `move-${action.lang}-${action.direction}`
          : action.kind === "jump"
            ? `jump-${action.to}-${action.delta > 0 ? "next" : "previous"}`
            : action.kind
      }
      title={keys ? `${hint} (${keys})` : hint}
      aria-keyshortcuts={keys ? keys.split(" / ").map((k) => k.replace(/^Ctrl\+/, "Control+")).join(" ") : undefined}
      disabled={!enabled}
      // Keep the keyboard on the bead list when a button is clicked.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => perform(action)}
    >
      {label}
    </button>
    );
  };

  return (
    <section className="alignment" aria-label={title} aria-busy={busy !== null}>
      <header className="alignment-head">
        <h1 className="doc-heading">{title}</h1>
        {document && <TextsLine document={document} />}
      </header>
      <div className="toolbar" role="toolbar" aria-label="Edit the alignment">
        {button(current?.status === "confirmed" ? "Unconfirm" : "Confirm", "Confirm or unconfirm the selected bead", { kind: "confirm" })}
        {button("Merge with next", "Merge the selected bead with the next one", { kind: "merge" })}
        {button("Split", "Split after the first sentence of each side that has several", { kind: "split" })}
        <span className="toolbar-group" aria-label="Move a sentence">
          {button("zh ↑", "Move the first Chinese sentence to the previous bead", { kind: "move", lang: "zh", direction: "previous" })}
          {button("zh ↓", "Move the last Chinese sentence to the next bead", { kind: "move", lang: "zh", direction: "next" })}
          {button("en ↑", "Move the first English sentence to the previous bead", { kind: "move", lang: "en", direction: "previous" })}
          {button("en ↓", "Move the last English sentence to the next bead", { kind: "move", lang: "en", direction: "next" })}
        </span>
        <span className="toolbar-group" aria-label="Sentences">
          {button("Split sentence", "Split the sentence at the caret (click in it first)", { kind: "splitSentence" })}
          {button("Join sentences", "Join the sentence at the caret (or the bead's first) with the next one", { kind: "mergeSentences" })}
        </span>
        {button("Realign", "Align the unconfirmed beads again", { kind: "realign" })}
        <span className="toolbar-group" aria-label="Jump">
          {button("Next unconfirmed", "Select the next bead nobody confirmed yet", { kind: "jump", to: "unconfirmed", delta: 1 })}
          {button("Next low", "Select the next unconfirmed bead the aligner was unsure of (under 50%)", { kind: "jump", to: "lowConfidence", delta: 1 })}
        </span>
        <span className="toolbar-group">
          {button("Undo", "Undo the last edit", { kind: "undo" })}
          {button("Redo", "Redo (also Ctrl+Y)", { kind: "redo" })}
        </span>
        <span className="toolbar-group" aria-label="Span links">
          {button("Accept link", "Accept the current link of the selected bead (choose it with . and ,)", { kind: "acceptLink" })}
          {button("Accept all", "Accept all suggested links of the selected bead", { kind: "acceptAllLinks" })}
          {button("Remove link", "Remove the current link of the selected bead (also Delete)", { kind: "removeLink" })}
          {button("Link selection", "Link the Chinese and English text selected with the mouse in one bead", { kind: "linkSelection" })}
        </span>
      </div>
      <div className="toolbar mention-bar" role="toolbar" aria-label="Names of entities">
        <span className="type-legend" aria-label="Entity types by key">
          {entityTypes.slice(0, 9).map((type, i) => (
            <span key={type} className={`type-chip mtype-${typeIndex(entityTypes, type)}`} data-type={type}>
              <kbd>{i + 1}</kbd> {type}
            </span>
          ))}
        </span>
        <span className="toolbar-group" aria-label="Names">
          {button("Accept name", "Accept the current name (choose it with Tab or a click)", { kind: "acceptMention" })}
          {button("Reject", "Reject the current name (kept, so it is not suggested again)", { kind: "rejectMention" })}
          {button("Accept all names", "Accept all suggested names of the selected bead (one undoable step)", { kind: "acceptAllMentions" })}
          {button("Project", "Propose the current accepted name's counterpart on the other side", { kind: "projectMention" })}
          {button("Entity…", "Link the current name to an entity of the registry, or create one", { kind: "linkEntity" })}
          {button(showRejected ? "Hide rejected" : "Show rejected", "Show or hide rejected names", { kind: "toggleRejected" })}
          {button(oneSided ? "Unmark one-sided" : "One-sided", "Mark accepted names that have no counterpart on the other side of their bead", { kind: "toggleOneSided" })}
          {button("Next one-sided", "Select the next bead with an accepted name missing on the other side", { kind: "jump", to: "oneSided", delta: 1 })}
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
            — <kbd>l</kbd> link · <kbd>1</kbd>–<kbd>9</kbd> tag as a name · <kbd>Esc</kbd> drop
          </span>
        </div>
      )}
      {error && (
        <div className="error" role="alert" data-code={error.code}>
          <span className="error-code">{error.code}</span> {error.message}
        </div>
      )}
      {searchOpen && phase === "ready" && (
        <SearchBar
          alignment={alignment}
          onGoTo={goToHit}
          onClose={closeSearch}
          from={{ beadIndex: Math.max(selected, 0) }}
          focusSignal={searchFocus}
        />
      )}
      {phase === "ready" && alignment ? (
        <BeadTable
          ref={listRef}
          handle={tableRef}
          beads={beads}
          selected={selected}
          currentLink={currentLink?.id ?? null}
          pending={pending}
          onSelect={setSelected}
          onPickLink={pickLink}
          mentions={mentionContext}
          currentMention={currentMention?.id ?? null}
          onPickMention={pickMention}
          label={`Alignment of ${title}`}
          highlights={highlights}
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
        <kbd>?</kbd> every shortcut · <kbd>Ctrl+K</kbd> every command · <kbd>Ctrl+F</kbd> find in both languages ·{" "}
        <kbd>↑</kbd>/<kbd>↓</kbd> select · <kbd>Enter</kbd> confirm · links dotted: suggested, solid: accepted · names
        dashed: suggested, solid: accepted, struck: rejected
      </p>
      {picker && (
        <EntityPicker
          mention={picker}
          entities={entities}
          onChoose={(choice) => void linkToEntity(picker, choice)}
          onClose={() => {
            setPicker(null);
            listRef.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </section>
  );
}));

type PickerChoice = { entity: EntityView } | { create: true } | { unlink: true };

/**
 * A small searchable list of the registry's entities for linking a mention: filtered by any
 * name (any case or width) as the user types, entities of the
 * mention's type first; the last option creates an entity named by the mention's text.
 * ↑/↓ choose, Enter links, Escape closes.
 */
function EntityPicker({
  mention,
  entities,
  onChoose,
  onClose,
}: {
  mention: MentionView;
  entities: EntityView[];
  onChoose: (choice: PickerChoice) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState(mention.quote);
  const [active, setActive] = useState(-1);
  const matches = filterEntities(entities, query, mention.typeName);
  // No name contains the text: offer every entity rather than nothing.
  const fallback = matches.length === 0 && query.trim() !== "";
  const shown = (fallback ? filterEntities(entities, "", mention.typeName) : matches).slice(0, 50);
  const options: { key: string; choice: PickerChoice; label: string; detail: string }[] = shown.map((entity) => ({
    key: `entity-${entity.id}`,
    choice: { entity },
    label: entityLabel(entity),
    detail: `${entity.typeName}${entity.id === mention.entityId ? " · linked now" : ""}`,
  }));
  // Creating comes first when no name matches (Enter creates), else after the matches.
  const create = {
    key: "create",
    choice: { create: true } as PickerChoice,
    label: `Create “${mention.quote}”`,
    detail: `new ${mention.typeName}`,
  };
  if (fallback) options.unshift(create);
  else options.push(create);
  if (mention.entityId !== null) {
    options.push({ key: "unlink", choice: { unlink: true }, label: "Unlink", detail: "take it off its entity" });
  }
  const at = Math.min(Math.max(active, 0), options.length - 1);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector(".entity-option.active")?.scrollIntoView({ block: "nearest" });
  }, [at, query]);
  const onKey = (event: ReactKeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const delta = event.key === "ArrowDown" ? 1 : -1;
      setActive((at + delta + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = options[at];
      if (option) onChoose(option.choice);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <div className="entity-picker" role="dialog" aria-label="Link the name to an entity" data-mention={mention.id}>
      <div className="entity-picker-head">
        Link <span className="entity-picker-quote">{mention.quote}</span> ({mention.typeName}) to:
      </div>
      <input
        className="entity-picker-input"
        autoFocus
        value={query}
        placeholder="Search any name (简/繁, any case)"
        aria-label="Search entities"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
        }}
        onKeyDown={onKey}
        onBlur={(event) => {
          // Clicking an option keeps the picker; clicking elsewhere closes it.
          if (!event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) onClose();
        }}
      />
      {fallback && <div className="entity-picker-note">No name contains “{query}”; all entities:</div>}
      <ul ref={listRef} className="entity-picker-list" role="listbox" aria-label="Entities">
        {options.map((option, i) => (
          <li
            key={option.key}
            role="option"
            aria-selected={i === at}
            className={`entity-option${i === at ? " active" : ""}`}
            data-option={option.key}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onChoose(option.choice)}
          >
            <span className="entity-option-label">{option.label}</span>{" "}
            <span className="entity-option-detail">{option.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TextsLine({ document }: { document: DocumentView }) {
  const texts = [...document.texts].sort((a, b) => (a.lang === "zh" ? -1 : b.lang === "zh" ? 1 : 0));
  return (
    <p className="texts-line">
      {texts.map((text) => (
        <span key={text.id} className={`text-meta text-meta-${text.lang}`} data-lang={text.lang}>
          {LANGUAGE_NAMES[text.lang] ?? text.lang}: {text.sentenceCount} sentences · {text.encoding}
          {text.encodingDetected ? " (detected)" : " (chosen)"}
          {text.originalName ? ` · ${text.originalName}` : ""}
        </span>
      ))}
    </p>
  );
}

function oneSidedText(count: number): string {
  return count === 1
    ? "1 accepted name has no counterpart on the other side of its bead"
    : `${count} accepted names have no counterpart on the other side of their bead`;
}
