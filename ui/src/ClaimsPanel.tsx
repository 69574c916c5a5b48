/**
 * The claims and evidence panel: a table of the project's claims (status, time, evidence
 * balance, summary) that filters and sorts, and the page of one claim with its anchors in
 * both languages, claimant and subjects, time, status history, evidence for and against
 * (sources graded on the Admiralty scale) and links to other claims, with the forms that
 * edit them. Every edit goes to Rust and the panel re-renders from the lists the command
 * returns. Errors appear in the panel's alert line as `code message`; the panel keeps
 * working. Text from documents and from the analyst is only rendered as React text.
 *
 * Keyboard: every control is reachable by Tab; Enter submits the form it is in (Shift+Enter
 * is a new line in a text area); Escape closes the claim page and returns to the table.
 */
import { ShowMore, useCapped } from "./ShowMore";
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { api } from "./api";
import type { AnchorView } from "./bindings/AnchorView";
import type { ClaimEdit } from "./bindings/ClaimEdit";
import type { ClaimLinkKind } from "./bindings/ClaimLinkKind";
import type { ClaimPatch } from "./bindings/ClaimPatch";
import type { ClaimStatus } from "./bindings/ClaimStatus";
import type { ClaimView } from "./bindings/ClaimView";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { EntityView } from "./bindings/EntityView";
import type { EvidenceView } from "./bindings/EvidenceView";
import type { IpcError } from "./bindings/IpcError";
import type { NewClaim } from "./bindings/NewClaim";
import type { SourceKind } from "./bindings/SourceKind";
import type { SourceView } from "./bindings/SourceView";
import type { Stance } from "./bindings/Stance";
import {
  CLAIM_STATUSES,
  type ClaimSort,
  EMPTY_SOURCE_DRAFT,
  LINK_KINDS,
  SORT_LABELS,
  SOURCE_KINDS,
  STANCES,
  type SelectionPair,
  type SortKey,
  type SourceDraft,
  admiraltyLabel,
  anchorContext,
  anchorsByLang,
  balanceDescription,
  balanceText,
  checkCredibility,
  checkReliability,
  checkSourceDraft,
  checkSummary,
  entityName,
  entityNameById,
  evidenceBalance,
  evidenceByStance,
  filterClaims,
  formatClaimTime,
  formatTimestamp,
  gradeCode,
  intervalPieces,
  linkKindLabel,
  linkVerb,
  nextSort,
  sortClaims,
  sourceKindLabel,
  stanceLabel,
  statusChangeText,
  statusChip,
  usableSelection,
} from "./claims";
import "./claims.css";

export type ClaimsLang = "zh" | "en";

/** A span of a document's text the user has selected (offsets in code points). */
export interface ClaimsSelection {
  documentId: number;
  lang: ClaimsLang;
  start: number;
  end: number;
  quote: string;
  /** The bead it lies in, if known: a Chinese and an English selection pair up only within one bead. */
  beadId?: number;
}

/** Where an anchor lies, for the window to scroll to and highlight. */
export interface AnchorTarget {
  documentId: number;
  lang: ClaimsLang;
  start: number;
  end: number;
}

export interface ClaimsPanelProps {
  /** The document open in the workspace (claims can be narrowed to it), if any. */
  documentId: number | null;
  /** The current text selection, which new claims and anchors are made from. */
  selection: ClaimsSelection | null;
  /**
   * The latest Chinese and English selections of one bead (`pairSelection`), which a new
   * claim is anchored at. Kept by the window, so selections made while this panel is not
   * shown count too.
   */
  picked: SelectionPair<ClaimsSelection>;
  /** Called when the user chooses an anchor of a claim. */
  onShowAnchor?: (anchor: AnchorTarget) => void;
  /** Bumped by the window after edits elsewhere (or undo); the panel then re-reads. */
  refreshKey?: number;
  /** Called after every edit the panel makes, so the other panes can re-read. */
  onChanged?: () => void;
}

/** Runs an IPC call (one at a time); resolves to undefined when it failed or was refused. */
type Run = <T>(label: string, call: () => Promise<T>) => Promise<T | undefined>;

const LANG_NAMES: Record<ClaimsLang, string> = { zh: "Chinese", en: "English" };

export function ClaimsPanel({ documentId, selection, picked, onShowAnchor, refreshKey, onChanged }: ClaimsPanelProps) {
  const [claims, setClaims] = useState<ClaimView[] | null>(null);
  const [sources, setSources] = useState<SourceView[]>([]);
  const [entities, setEntities] = useState<EntityView[]>([]);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<ReadonlySet<ClaimStatus>>(new Set());
  const [text, setText] = useState("");
  const [onlyDocument, setOnlyDocument] = useState(false);
  const [sort, setSort] = useState<ClaimSort>({ key: "id", direction: "asc" });
  const [openId, setOpenId] = useState<number | null>(null);
  const busyRef = useRef(false);
  const mounted = useRef(true);
  // Where focus goes after the next render: the claim page heading or a table row.
  const focusNext = useRef<string | null>(null);
  const ids = useId();
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // A refresh asked for during an edit runs after it rather than being dropped.
  const refreshLater = useRef(false);
  const loadRef = useRef<(label?: string) => Promise<void>>(async () => {});

  const run: Run = useCallback(async <T,>(label: string, call: () => Promise<T>) => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(label);
    setError(null);
    try {
      return await call();
    } catch (e) {
      if (mounted.current) {
        setNotice(null);
        setError(asIpcError(e));
      }
      return undefined;
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(null);
      if (refreshLater.current && mounted.current) {
        refreshLater.current = false;
        setTimeout(() => void loadRef.current("Refreshing…"), 0);
      }
    }
  }, []);

  const refuse = useCallback((message: string) => {
    setNotice(null);
    setError({ code: "invalid", message });
  }, []);

  const load = useCallback(async (label = "Loading…") => {
    if (busyRef.current) {
      refreshLater.current = true;
      return;
    }
    const lists = await run(label, () =>
      Promise.all([api.listClaims(), api.listSources(), api.listEntities(), api.listDocuments()]),
    );
    if (!lists || !mounted.current) return;
    const [claimList, sourceList, entityList, documentList] = lists;
    setClaims(claimList);
    setSources(sourceList);
    setEntities(entityList);
    setDocuments(documentList);
  }, [run]);
  loadRef.current = load;

  // Claims are the project's, not the document's; reloading when the document changes or
  // the window's revision moves picks up edits made elsewhere (entities renamed, undo).
  const loaded = useRef(false);
  useEffect(() => {
    void load(loaded.current ? "Refreshing…" : "Loading…");
    loaded.current = true;
  }, [load, documentId, refreshKey]);

  const changed = useCallback(() => onChangedRef.current?.(), []);

  /** Applies a claim edit's result; true when it went through. */
  const claimEdit = useCallback(
    async (label: string, call: () => Promise<ClaimEdit>, done: string): Promise<ClaimEdit | undefined> => {
      const edit = await run(label, call);
      if (edit && mounted.current) {
        setClaims(edit.claims);
        setNotice(done);
      }
      if (edit) changed();
      return edit;
    },
    [changed, run],
  );

  const open = useCallback((id: number) => {
    focusNext.current = "page";
    setOpenId(id);
  }, []);

  const close = useCallback(() => {
    setOpenId((id) => {
      if (id !== null) focusNext.current = `row-${id}`;
      return null;
    });
  }, []);

  // A claim that disappears (deleted here or by an undo) closes its page.
  useEffect(() => {
    if (openId !== null && claims && !claims.some((c) => c.id === openId)) setOpenId(null);
  }, [claims, openId]);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const element = window.document.getElementById(`${ids}-${target}`);
    element?.focus();
  });

  const entityMap = useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);
  const documentMap = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);
  const sortedEntities = useMemo(
    () => [...entities].sort((a, b) => entityName(a).localeCompare(entityName(b)) || a.id - b.id),
    [entities],
  );
  const shown = useMemo(
    () =>
      claims
        ? sortClaims(
            filterClaims(claims, { statuses, text, documentId: onlyDocument ? documentId : null }),
            sort,
          )
        : [],
    [claims, statuses, text, onlyDocument, documentId, sort],
  );
  const openClaim = openId === null ? null : (claims?.find((c) => c.id === openId) ?? null);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape" && openClaim && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  const toggleStatus = (status: ClaimStatus) =>
    setStatuses((current) => {
      const next = new Set(current);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      return next;
    });

  const context: PageContext = {
    ids,
    run,
    refuse,
    claimEdit,
    claims: claims ?? [],
    sources,
    setSources: (list) => {
      if (mounted.current) setSources(list);
      changed();
    },
    entityMap,
    sortedEntities,
    documentMap,
    documentId,
    selection,
    picked,
    onShowAnchor,
    open,
    close,
  };

  return (
    <section
      className="claims-panel"
      aria-label="Claims and evidence"
      aria-busy={busy !== null}
      onKeyDown={onKeyDown}
    >
      <header className="claims-head">
        <h2 className="claims-title">Claims</h2>
        <button type="button" className="claims-button" onClick={() => void load("Refreshing…")}>
          Reload
        </button>
      </header>
      <div className="claims-status-line">
        <span className="status" role="status">
          {busy ?? notice ?? ""}
        </span>
      </div>
      {error && (
        <div className="error claims-error" role="alert" data-code={error.code}>
          <span className="error-code">{error.code}</span> {error.message}{" "}
          <button type="button" className="claims-link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {openClaim ? (
        <ClaimPage key={openClaim.id} claim={openClaim} context={context} />
      ) : (
        <>
          <NewClaimForm context={context} />
          <div className="claims-filter" role="search" aria-label="Filter claims">
            <label className="claims-field claims-search">
              <span>Find</span>
              <input
                type="search"
                value={text}
                placeholder="Words of the summary or a quote"
                onChange={(e) => setText(e.target.value)}
              />
            </label>
            <fieldset className="claims-status-filter">
              <legend>Status</legend>
              {CLAIM_STATUSES.map((status) => (
                <label key={status} className="claims-check">
                  <input type="checkbox" checked={statuses.has(status)} onChange={() => toggleStatus(status)} />
                  <StatusChip status={status} />
                </label>
              ))}
            </fieldset>
            <label className="claims-check">
              <input
                type="checkbox"
                checked={onlyDocument && documentId !== null}
                disabled={documentId === null}
                onChange={(e) => setOnlyDocument(e.target.checked)}
              />
              Only this document
            </label>
          </div>
          {claims === null ? (
            <p className="hint">{busy ? "Loading…" : "Claims could not be loaded."}</p>
          ) : (
            <ClaimsTable
              ids={ids}
              claims={shown}
              total={claims.length}
              sort={sort}
              onSort={(key) => setSort((current) => nextSort(current, key))}
              onOpen={open}
            />
          )}
        </>
      )}
    </section>
  );
}

function asIpcError(e: unknown): IpcError {
  if (typeof e === "object" && e !== null && typeof (e as IpcError).code === "string") {
    return { code: (e as IpcError).code, message: String((e as IpcError).message ?? "") };
  }
  return { code: "ipc", message: e instanceof Error ? e.message : String(e) };
}

interface PageContext {
  ids: string;
  run: Run;
  refuse: (message: string) => void;
  claimEdit: (label: string, call: () => Promise<ClaimEdit>, done: string) => Promise<ClaimEdit | undefined>;
  claims: ClaimView[];
  sources: SourceView[];
  setSources: (sources: SourceView[]) => void;
  entityMap: ReadonlyMap<number, EntityView>;
  sortedEntities: EntityView[];
  documentMap: ReadonlyMap<number, DocumentSummary>;
  documentId: number | null;
  selection: ClaimsSelection | null;
  picked: SelectionPair<ClaimsSelection>;
  onShowAnchor?: (anchor: AnchorTarget) => void;
  open: (id: number) => void;
  close: () => void;
}

// ---------------------------------------------------------------------------------------
// Small pieces

function StatusChip({ status }: { status: ClaimStatus }) {
  const chip = statusChip(status);
  return (
    <span className={chip.className} data-status={status}>
      <span aria-hidden="true">{chip.symbol}</span> {chip.label}
    </span>
  );
}

/** An interval of days, broken between its days but never inside one. */
function Interval({ text }: { text: string }) {
  return (
    <>
      {intervalPieces(text).map((piece, index) =>
        piece.day ? (
          <span key={index} className="claims-day">
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

function Grade({ source }: { source: Pick<SourceView, "reliability" | "credibility"> }) {
  const label = admiraltyLabel(source.reliability, source.credibility);
  return (
    <span className="claims-grade" title={label} aria-label={`Admiralty grade ${label}`}>
      <span className="claims-grade-code">{gradeCode(source.reliability, source.credibility)}</span>
      <span className="claims-grade-words">{label.slice(label.indexOf("\u2014") + 2)}</span>
    </span>
  );
}

/** Enter in a select, checkbox or text area (without Shift) submits the form too. */
function submitOnEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const tag = target.tagName;
  const isCheck = tag === "INPUT" && ["checkbox", "radio"].includes((target as HTMLInputElement).type);
  if (tag === "SELECT" || isCheck || (tag === "TEXTAREA" && !event.shiftKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? "claims-field claims-field-wide" : "claims-field"}>
      <span>{label}</span>
      {children}
    </label>
  );
}

function Quote({ lang, children }: { lang: ClaimsLang; children: string }) {
  return (
    <span className={`claims-quote claims-quote-${lang}`} lang={lang === "zh" ? "zh-Hans" : "en"}>
      {children}
    </span>
  );
}

function SelectionNote({ selection }: { selection: ClaimsSelection | null }) {
  if (!selection || !usableSelection(selection)) {
    return <p className="claims-hint">Select a span of the document text to anchor at.</p>;
  }
  return (
    <p className="claims-selection">
      <span className="claims-muted">Selection ({LANG_NAMES[selection.lang]}):</span>{" "}
      <Quote lang={selection.lang}>{selection.quote}</Quote>
    </p>
  );
}

// ---------------------------------------------------------------------------------------
// The table

function ClaimsTable(props: {
  ids: string;
  claims: ClaimView[];
  total: number;
  sort: ClaimSort;
  onSort: (key: SortKey) => void;
  onOpen: (id: number) => void;
}) {
  const { ids, claims, total, sort, onSort, onOpen } = props;
  // Only the first rows (a long list costs seconds to render); "Show more" adds more.
  const { shown, more, step } = useCapped(claims, `${sort.key} ${sort.direction}`);
  const header = (key: SortKey, className: string) => (
    <th
      scope="col"
      role="columnheader"
      className={className}
      aria-sort={sort.key === key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <button type="button" className="claims-sort" onClick={() => onSort(key)}>
        {SORT_LABELS[key]}
        <span aria-hidden="true" className="claims-sort-mark">
          {sort.key === key ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}
        </span>
      </button>
    </th>
  );
  return (
    <>
      <p className="claims-count">
        {claims.length === total ? `${total} claims` : `${claims.length} of ${total} claims`}
      </p>
      {claims.length > 0 && (
        <div className="claims-table-wrap">
          {/* Explicit roles: in a narrow panel the rows are laid out as grids (claims.css),
              which would otherwise drop the table's semantics. */}
          <table className="claims-table" role="table" aria-label="Claims">
            <thead role="rowgroup">
              <tr role="row">
                {header("id", "claims-col-id")}
                {header("status", "claims-col-status")}
                {header("time", "claims-col-time")}
                {header("balance", "claims-col-balance")}
                <th scope="col" role="columnheader" className="claims-col-summary">
                  Summary
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {shown.map((claim) => {
                const time = formatClaimTime(claim.time);
                const balance = evidenceBalance(claim);
                return (
                  <tr key={claim.id} role="row" data-claim-id={claim.id} onClick={() => onOpen(claim.id)}>
                    <td role="cell" className="claims-col-id">
                      {claim.id}
                    </td>
                    <td role="cell" className="claims-col-status">
                      <StatusChip status={claim.status} />
                    </td>
                    <td role="cell" className="claims-col-time" title={time.interval}>
                      {time.label}
                      {time.interval && time.interval !== time.label && (
                        <span className="claims-interval">
                          <Interval text={time.interval} />
                        </span>
                      )}
                    </td>
                    <td
                      role="cell"
                      className={`claims-col-balance claims-balance ${balanceClass(balance.net)}`}
                      title={balanceDescription(balance)}
                    >
                      <span aria-hidden="true">{balanceText(balance)}</span>
                      <span className="claims-sr">{balanceDescription(balance)}</span>
                    </td>
                    <td role="cell" className="claims-col-summary">
                      <button
                        type="button"
                        id={`${ids}-row-${claim.id}`}
                        className="claims-open"
                        onClick={(e) => {
                          e.stopPropagation();
                          onOpen(claim.id);
                        }}
                      >
                        {claim.summary}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ShowMore total={claims.length} shown={shown.length} step={step} onMore={more} className="show-more claims-hint" />
        </div>
      )}
    </>
  );
}

function balanceClass(net: number): string {
  return net > 0 ? "claims-balance-for" : net < 0 ? "claims-balance-against" : "claims-balance-even";
}

// ---------------------------------------------------------------------------------------
// New claim

function NewClaimForm({ context }: { context: PageContext }) {
  const { picked, claimEdit, refuse, open, sortedEntities } = context;
  const [summary, setSummary] = useState("");
  const [time, setTime] = useState("");
  const [claimant, setClaimant] = useState("");
  const [anchorAt, setAnchorAt] = useState<Record<ClaimsLang, boolean>>({ zh: true, en: true });
  const usable = (lang: ClaimsLang) => {
    const selection = picked[lang];
    return selection !== null && usableSelection(selection) ? selection : null;
  };
  const offered = (["zh", "en"] as const).filter((lang) => usable(lang) !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkSummary(summary);
    if (!checked.ok) return refuse(checked.message);
    const claim: NewClaim = { summary: checked.value };
    if (time.trim() !== "") claim.time = time.trim();
    if (claimant !== "") claim.claimantId = Number(claimant);
    const anchors = offered
      .filter((lang) => anchorAt[lang])
      .map((lang) => {
        const selection = usable(lang)!;
        return {
          documentId: selection.documentId,
          lang: selection.lang,
          start: selection.start,
          end: selection.end,
          quote: selection.quote,
        };
      });
    if (anchors.length > 0) claim.anchors = anchors;
    const edit = await claimEdit("Creating the claim…", () => api.createClaim(claim), "Claim created");
    if (!edit) return;
    setSummary("");
    setTime("");
    setClaimant("");
    if (edit.claim) open(edit.claim.id);
  };

  return (
    <details className="claims-box claims-new">
      <summary>New claim</summary>
      <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter}>
        <Field label="Summary (one line of English)" wide>
          <input required maxLength={1000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <Field label="Time" wide>
          <input
            value={time}
            placeholder="early October 2019, 1997年以前"
            onChange={(e) => setTime(e.target.value)}
          />
        </Field>
        <Field label="Claimant" wide>
          <EntitySelect entities={sortedEntities} value={claimant} onChange={setClaimant} none="(none)" />
        </Field>
        {offered.length === 0 ? (
          <p className="claims-hint claims-selection">
            Select the words in the document (Chinese, English or both in one bead) to anchor the claim there.
          </p>
        ) : (
          <fieldset className="claims-anchor-choice">
            <legend>Anchor at the selection</legend>
            {offered.map((lang) => (
              <label key={lang} className="claims-check" data-lang={lang}>
                <input
                  type="checkbox"
                  checked={anchorAt[lang]}
                  onChange={(e) => setAnchorAt((current) => ({ ...current, [lang]: e.target.checked }))}
                />
                <span className="claims-muted">{LANG_NAMES[lang]}:</span> <Quote lang={lang}>{usable(lang)!.quote}</Quote>
              </label>
            ))}
          </fieldset>
        )}
        <div className="claims-actions">
          <button type="submit" className="claims-button claims-primary">
            Create claim
          </button>
        </div>
      </form>
    </details>
  );
}

function EntitySelect(props: {
  entities: EntityView[];
  value: string;
  onChange: (value: string) => void;
  none: string;
  exclude?: readonly number[];
}) {
  const { entities, value, onChange, none, exclude } = props;
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {entities
        .filter((e) => !exclude?.includes(e.id))
        .map((e) => (
          <option key={e.id} value={String(e.id)}>
            {entityName(e)}
          </option>
        ))}
    </select>
  );
}

// ---------------------------------------------------------------------------------------
// The claim page

function ClaimPage({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { ids, close, claimEdit } = context;
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const time = formatClaimTime(claim.time);

  return (
    <article className="claims-page" aria-labelledby={`${ids}-page`} data-claim-id={claim.id}>
      <div className="claims-page-bar">
        <button type="button" className="claims-button" onClick={close} aria-keyshortcuts="Escape">
          ← All claims <kbd>Esc</kbd>
        </button>
        <span className="claims-page-tools">
          <button type="button" className="claims-button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit
          </button>
          {confirmDelete ? (
            <>
              <button
                type="button"
                className="claims-button claims-danger"
                onClick={() =>
                  void claimEdit("Deleting the claim…", () => api.deleteClaim(claim.id), `Claim ${claim.id} deleted`)
                }
              >
                Delete claim {claim.id}
              </button>
              <button type="button" className="claims-button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="claims-button" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </span>
      </div>
      <h3 className="claims-page-title" id={`${ids}-page`} tabIndex={-1}>
        <span className="claims-muted">Claim {claim.id}</span> <StatusChip status={claim.status} />
        <span className="claims-page-summary">{claim.summary}</span>
      </h3>
      {editing && <EditClaimForm claim={claim} context={context} onDone={() => setEditing(false)} />}

      <dl className="claims-facts">
        <dt>Time</dt>
        <dd>
          {time.label ? (
            <>
              {time.label}
              {time.interval && time.interval !== time.label && (
                <span className="claims-interval">
                  {" "}
                  <Interval text={time.interval} />
                </span>
              )}
            </>
          ) : (
            <span className="claims-muted">not given</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusChip status={claim.status} />
          {claim.rationale && <span className="claims-rationale">{claim.rationale}</span>}
        </dd>
      </dl>

      <Anchors claim={claim} context={context} />
      <People claim={claim} context={context} />
      <Status claim={claim} context={context} />
      <Evidence claim={claim} context={context} />
      <Links claim={claim} context={context} />
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="claims-section" aria-label={title}>
      <h4>{title}</h4>
      {children}
    </section>
  );
}

function EditClaimForm({ claim, context, onDone }: { claim: ClaimView; context: PageContext; onDone: () => void }) {
  const { claimEdit, refuse } = context;
  const [summary, setSummary] = useState(claim.summary);
  const [time, setTime] = useState(claim.time?.label ?? "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkSummary(summary);
    if (!checked.ok) return refuse(checked.message);
    const patch: ClaimPatch = {};
    if (checked.value !== claim.summary) patch.summary = checked.value;
    const words = time.trim();
    if (words !== (claim.time?.label ?? "")) patch.time = words === "" ? null : words;
    if (Object.keys(patch).length === 0) return onDone();
    const edit = await claimEdit("Saving the claim…", () => api.updateClaim(claim.id, patch), "Claim saved");
    if (edit) onDone();
  };

  return (
    <form className="claims-box" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} aria-label="Edit the claim">
      <Field label="Summary" wide>
        <input required maxLength={1000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Field>
      <Field label="Time (empty: none)">
        <input value={time} onChange={(e) => setTime(e.target.value)} />
      </Field>
      <div className="claims-actions">
        <button type="submit" className="claims-button claims-primary">
          Save
        </button>
        <button type="button" className="claims-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Anchors({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { selection, claimEdit, documentMap, documentId, onShowAnchor } = context;
  const byLang = anchorsByLang(claim);
  const usable = usableSelection(selection);

  const addAnchor = () => {
    if (!selection || !usable) return;
    const anchor = {
      documentId: selection.documentId,
      lang: selection.lang,
      start: selection.start,
      end: selection.end,
      quote: selection.quote,
    };
    void claimEdit("Adding the anchor…", () => api.addClaimAnchor(claim.id, anchor), "Anchor added");
  };

  const anchorItem = (anchor: AnchorView) => {
    const lang: ClaimsLang = anchor.lang === "zh" ? "zh" : "en";
    const around = anchorContext(anchor);
    const elsewhere = anchor.documentId !== documentId;
    const docTitle = documentMap.get(anchor.documentId)?.title ?? `Document ${anchor.documentId}`;
    const quote = (
      <>
        <span className="claims-context">{around.before}</span>
        <mark className="claims-anchor-quote">
          <Quote lang={lang}>{anchor.quote}</Quote>
        </mark>
        <span className="claims-context">{around.after}</span>
      </>
    );
    return (
      <li key={anchor.id} className={anchor.orphaned ? "claims-anchor claims-orphaned" : "claims-anchor"}>
        {onShowAnchor && !anchor.orphaned ? (
          <button
            type="button"
            className="claims-anchor-button"
            title={`Show in ${docTitle} (characters ${anchor.start}–${anchor.end})`}
            onClick={() =>
              onShowAnchor({ documentId: anchor.documentId, lang, start: anchor.start, end: anchor.end })
            }
          >
            {quote}
          </button>
        ) : (
          <span className="claims-anchor-text">{quote}</span>
        )}
        <span className="claims-anchor-meta">
          {elsewhere && <span className="claims-muted">{docTitle} · </span>}
          <span className="claims-muted">
            {anchor.start}–{anchor.end}
          </span>
          {anchor.orphaned && <span className="claims-badge"> text changed</span>}
        </span>
        <button
          type="button"
          className="claims-remove"
          aria-label={`Remove the anchor “${anchor.quote}”`}
          title="Remove the anchor"
          onClick={() =>
            void claimEdit("Removing the anchor…", () => api.removeClaimAnchor(claim.id, anchor.id), "Anchor removed")
          }
        >
          ×
        </button>
      </li>
    );
  };

  return (
    <Section title="Anchors">
      <div className="claims-anchor-columns">
        {(["zh", "en"] as const).map((lang) => (
          <div key={lang} className={`claims-anchor-column claims-anchor-${lang}`}>
            <h5>{LANG_NAMES[lang]}</h5>
            {byLang[lang].length === 0 ? (
              <p className="claims-muted">None</p>
            ) : (
              <ul className="claims-list">{byLang[lang].map(anchorItem)}</ul>
            )}
          </div>
        ))}
      </div>
      <div className="claims-inline">
        <button type="button" className="claims-button" disabled={!usable} onClick={addAnchor}>
          Add anchor from the selection
        </button>
        <SelectionNote selection={selection} />
      </div>
    </Section>
  );
}

function People({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { claimEdit, entityMap, sortedEntities, refuse } = context;
  const [claimant, setClaimant] = useState(claim.claimantId === null ? "" : String(claim.claimantId));
  const [subject, setSubject] = useState("");

  useEffect(() => setClaimant(claim.claimantId === null ? "" : String(claim.claimantId)), [claim.claimantId]);

  const saveClaimant = async (event: FormEvent) => {
    event.preventDefault();
    const value = claimant === "" ? null : Number(claimant);
    if (value === claim.claimantId) return;
    await claimEdit(
      "Saving the claimant…",
      () => api.updateClaim(claim.id, { claimantId: value }),
      value === null ? "Claimant cleared" : "Claimant set",
    );
  };

  const addSubject = async (event: FormEvent) => {
    event.preventDefault();
    if (subject === "") return refuse("Choose an entity to add as a subject.");
    const edit = await claimEdit(
      "Adding the subject…",
      () => api.addClaimSubject(claim.id, Number(subject)),
      "Subject added",
    );
    if (edit) setSubject("");
  };

  return (
    <Section title="Claimant and subjects">
      <form className="claims-inline" onSubmit={(e) => void saveClaimant(e)} onKeyDown={submitOnEnter}>
        <Field label="Claimant">
          <EntitySelect entities={sortedEntities} value={claimant} onChange={setClaimant} none="(none)" />
        </Field>
        <button type="submit" className="claims-button">
          Set claimant
        </button>
        <span className="claims-muted">
          Now: {claim.claimantId === null ? "none" : entityNameById(entityMap, claim.claimantId)}
        </span>
      </form>
      {claim.subjectIds.length === 0 ? (
        <p className="claims-muted">No subjects.</p>
      ) : (
        <ul className="claims-tags" aria-label="Subjects">
          {claim.subjectIds.map((id) => (
            <li key={id} className="claims-tag">
              {entityNameById(entityMap, id)}
              <button
                type="button"
                className="claims-remove"
                aria-label={`Remove the subject ${entityNameById(entityMap, id)}`}
                title="Remove the subject"
                onClick={() =>
                  void claimEdit("Removing the subject…", () => api.removeClaimSubject(claim.id, id), "Subject removed")
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="claims-inline" onSubmit={(e) => void addSubject(e)} onKeyDown={submitOnEnter}>
        <Field label="Subject">
          <EntitySelect
            entities={sortedEntities}
            value={subject}
            onChange={setSubject}
            none="(choose an entity)"
            exclude={claim.subjectIds}
          />
        </Field>
        <button type="submit" className="claims-button">
          Add subject
        </button>
      </form>
    </Section>
  );
}

function Status({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { claimEdit } = context;
  const [status, setStatus] = useState<ClaimStatus>(claim.status);
  const [rationale, setRationale] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const edit = await claimEdit(
      "Setting the status…",
      () => api.setClaimStatus(claim.id, status, rationale.trim()),
      `Status set: ${statusChip(status).label}`,
    );
    if (edit) setRationale("");
  };

  return (
    <Section title="Status">
      <form className="claims-box" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} aria-label="Set the status">
        <Field label="Status">
          <select value={status} onChange={(e) => setStatus(e.target.value as ClaimStatus)}>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusChip(s).label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Rationale (Shift+Enter: new line)" wide>
          <textarea rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} />
        </Field>
        <div className="claims-actions">
          <button type="submit" className="claims-button claims-primary">
            Set status
          </button>
        </div>
      </form>
      <ol className="claims-history" aria-label="Status history">
        {claim.history.map((change, index) => (
          <li key={index}>
            <span className="claims-muted">
              {formatTimestamp(change.at)} · {change.actor}
            </span>{" "}
            <span className="claims-change">{statusChangeText(change)}</span>
            {change.rationale && <span className="claims-rationale">{change.rationale}</span>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

const NEW_SOURCE = "new";

function Evidence({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { claimEdit, run, refuse, sources, setSources } = context;
  const groups = evidenceByStance(claim);
  const balance = evidenceBalance(claim);
  const [choice, setChoice] = useState(sources.length > 0 ? "" : NEW_SOURCE);
  const [draft, setDraft] = useState<SourceDraft>(EMPTY_SOURCE_DRAFT);
  const [stance, setStance] = useState<Stance>("supports");
  const [note, setNote] = useState("");
  const update = (field: keyof SourceDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const sortedSources = useMemo(
    () => [...sources].sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id),
    [sources],
  );
  const reliability = checkReliability(draft.reliability);
  const credibility = checkCredibility(draft.credibility);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let sourceId: number;
    if (choice === NEW_SOURCE) {
      const checked = checkSourceDraft(draft);
      if (!checked.ok) return refuse(checked.message);
      const added = await run("Adding the source…", () => api.addSource(checked.value));
      if (!added) return;
      setSources(added.sources);
      if (!added.source) return;
      sourceId = added.source.id;
      // A failure below must not add the source a second time on retry.
      setChoice(String(sourceId));
      setDraft(EMPTY_SOURCE_DRAFT);
    } else if (choice === "") {
      return refuse("Choose a source, or add a new one.");
    } else {
      sourceId = Number(choice);
    }
    const edit = await claimEdit(
      "Adding the evidence…",
      () => api.linkEvidence(claim.id, sourceId, stance, note.trim()),
      "Evidence added",
    );
    if (edit) setNote("");
  };

  const item = (piece: EvidenceView) => (
    <li key={piece.id} className={`claims-evidence claims-evidence-${piece.stance}`}>
      <div className="claims-evidence-head">
        <span className="claims-source-title">{piece.source.title}</span>
        <span className="claims-muted"> · {sourceKindLabel(piece.source.kind)}</span>
        {piece.source.date && <span className="claims-muted"> · {piece.source.date}</span>}{" "}
        <Grade source={piece.source} />{" "}
        <span className={`claims-stance claims-stance-${piece.stance}`}>{stanceLabel(piece.stance)}</span>
        <button
          type="button"
          className="claims-remove"
          aria-label={`Remove the evidence from “${piece.source.title}”`}
          title="Remove the evidence"
          onClick={() =>
            void claimEdit("Removing the evidence…", () => api.unlinkEvidence(claim.id, piece.id), "Evidence removed")
          }
        >
          ×
        </button>
      </div>
      {piece.note && <p className="claims-note">{piece.note}</p>}
      {piece.source.citation && <p className="claims-citation">{piece.source.citation}</p>}
      {piece.source.excerpt && <blockquote className="claims-excerpt">{piece.source.excerpt}</blockquote>}
    </li>
  );

  const group = (title: string, stanceOf: Stance) => (
    <div className={`claims-evidence-group claims-evidence-group-${stanceOf}`}>
      <h5>
        {title} <span className="claims-muted">({groups[stanceOf].length})</span>
      </h5>
      {groups[stanceOf].length === 0 ? (
        <p className="claims-muted">None</p>
      ) : (
        <ul className="claims-list">{groups[stanceOf].map(item)}</ul>
      )}
    </div>
  );

  return (
    <Section title="Evidence">
      <p className={`claims-balance ${balanceClass(balance.net)}`}>
        Balance <strong>{balanceText(balance)}</strong> <span className="claims-muted">({balanceDescription(balance)})</span>
      </p>
      <div className="claims-evidence-columns">
        {group("For", "supports")}
        {group("Against", "contradicts")}
      </div>
      {groups.context.length > 0 && group("Context", "context")}
      <form className="claims-box" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} aria-label="Add evidence">
        <Field label="Source" wide>
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">(choose a source)</option>
            {sortedSources.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.title} — {gradeCode(s.reliability, s.credibility)}
              </option>
            ))}
            <option value={NEW_SOURCE}>New source…</option>
          </select>
        </Field>
        {choice === NEW_SOURCE && (
          <fieldset className="claims-new-source">
            <legend>New source</legend>
            <Field label="Title" wide>
              <input required maxLength={1000} value={draft.title} onChange={(e) => update("title")(e.target.value)} />
            </Field>
            <Field label="Kind">
              <select value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as SourceKind }))}>
                {SOURCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {sourceKindLabel(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Reliability (A–F)">
              <input
                className="claims-grade-input"
                maxLength={1}
                value={draft.reliability}
                aria-invalid={draft.reliability !== "" && !reliability.ok}
                onChange={(e) => update("reliability")(e.target.value)}
              />
            </Field>
            <Field label="Credibility (1–6)">
              <input
                className="claims-grade-input"
                inputMode="numeric"
                maxLength={1}
                value={draft.credibility}
                aria-invalid={draft.credibility !== "" && !credibility.ok}
                onChange={(e) => update("credibility")(e.target.value)}
              />
            </Field>
            <p className="claims-grade-preview" aria-live="polite">
              {reliability.ok && credibility.ok
                ? admiraltyLabel(reliability.value, credibility.value)
                : draft.reliability !== "" && !reliability.ok
                  ? reliability.message
                  : draft.credibility !== "" && !credibility.ok
                    ? credibility.message
                    : "A completely reliable … F cannot be judged; 1 confirmed … 6 cannot be judged"}
            </p>
            <Field label="Date (YYYY, YYYY-MM or YYYY-MM-DD)">
              <input value={draft.date} onChange={(e) => update("date")(e.target.value)} />
            </Field>
            <Field label="Citation" wide>
              <input value={draft.citation} onChange={(e) => update("citation")(e.target.value)} />
            </Field>
            <Field label="Excerpt (Shift+Enter: new line)" wide>
              <textarea rows={2} value={draft.excerpt} onChange={(e) => update("excerpt")(e.target.value)} />
            </Field>
          </fieldset>
        )}
        <Field label="Stance">
          <select value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {stanceLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Note" wide>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="claims-actions">
          <button type="submit" className="claims-button claims-primary">
            Add evidence
          </button>
        </div>
      </form>
    </Section>
  );
}

function Links({ claim, context }: { claim: ClaimView; context: PageContext }) {
  const { claimEdit, claims, open, refuse } = context;
  const [kind, setKind] = useState<ClaimLinkKind>("supports");
  const [other, setOther] = useState("");
  const [note, setNote] = useState("");
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);
  const others = claims.filter((c) => c.id !== claim.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (other === "") return refuse("Choose the claim to link with.");
    const edit = await claimEdit(
      "Linking the claims…",
      () => api.linkClaims(claim.id, Number(other), kind, note.trim()),
      "Claims linked",
    );
    if (edit) {
      setOther("");
      setNote("");
    }
  };

  return (
    <Section title="Links to other claims">
      {claim.links.length === 0 ? (
        <p className="claims-muted">No links.</p>
      ) : (
        <ul className="claims-list">
          {claim.links.map((link) => {
            const target = byId.get(link.otherId);
            return (
              <li key={link.id} className={`claims-claim-link claims-claim-link-${link.kind}`}>
                <span className="claims-muted">This claim {linkVerb(link)}</span>{" "}
                <button type="button" className="claims-link-button" onClick={() => open(link.otherId)}>
                  claim {link.otherId}
                  {target ? `: ${target.summary}` : ""}
                </button>
                {target && <StatusChip status={target.status} />}
                <button
                  type="button"
                  className="claims-remove"
                  aria-label={`Remove the link with claim ${link.otherId}`}
                  title="Remove the link"
                  onClick={() =>
                    void claimEdit("Removing the link…", () => api.unlinkClaims(claim.id, link.id), "Link removed")
                  }
                >
                  ×
                </button>
                {link.note && <p className="claims-note">{link.note}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <form className="claims-box" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} aria-label="Link a claim">
        <Field label="This claim">
          <select value={kind} onChange={(e) => setKind(e.target.value as ClaimLinkKind)}>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {linkKindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Claim" wide>
          <select value={other} onChange={(e) => setOther(e.target.value)}>
            <option value="">(choose a claim)</option>
            {others.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.id}: {c.summary}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Note" wide>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="claims-actions">
          <button type="submit" className="claims-button claims-primary" disabled={others.length === 0}>
            Link
          </button>
        </div>
      </form>
    </Section>
  );
}
