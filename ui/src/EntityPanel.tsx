/**
 * The entity registry: a search box over every name and alias, the entities grouped by type
 * with their mention counts, and an entity's page (names, aliases, external ids, its
 * mentions in the current document, its relations) with forms to create, edit, merge and
 * delete entities, add and remove aliases and external ids, and add and delete relations.
 * Every edit goes to Rust and the panel re-renders from what the command returns (and
 * re-reads the lists an edit reaches beyond). Errors show in the panel's alert line.
 *
 * Keyboard: every control is reachable by Tab; Enter submits a form (Ctrl+Enter in a
 * multi-line field); Escape closes the open form, then the entity page. Keys pressed inside
 * the panel without Ctrl/Alt/Meta do not reach the window's alignment shortcuts.
 * All text is rendered as React text children, never as HTML.
 */
import { type FormEvent, type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "./api";
import type { AnnotationSchema } from "./bindings/AnnotationSchema";
import type { EntityEdit } from "./bindings/EntityEdit";
import type { EntityPatch } from "./bindings/EntityPatch";
import type { EntityView } from "./bindings/EntityView";
import type { IpcError } from "./bindings/IpcError";
import type { Lang } from "./bindings/Lang";
import type { MentionView } from "./bindings/MentionView";
import type { NewAlias } from "./bindings/NewAlias";
import type { NewEntity } from "./bindings/NewEntity";
import type { NewRelation } from "./bindings/NewRelation";
import type { RelationView } from "./bindings/RelationView";
import {
  type AliasDraft,
  type EntityDraft,
  type SortKey,
  SCRIPTS,
  SORT_KEYS,
  aliasFromDraft,
  draftFromEntity,
  emptyAlias,
  emptyEntityDraft,
  entityPatchFromDraft,
  entityTitle,
  groupByType,
  mentionContext,
  mergePreview,
  newEntityFromDraft,
  newEntityFromMention,
  plural,
  relationsOf,
  searchEntities,
  sortEntities,
} from "./entities";
import { ShowMore, useCapped } from "./ShowMore";
import "./entities.css";

export interface ShownMention {
  documentId: number;
  lang: "zh" | "en";
  start: number;
  end: number;
}

export interface EntityPanelProps {
  /** The document whose mentions the entity page lists; null: none. */
  documentId: number | null;
  /**
   * That document's mentions, as the alignment editor holds them (read once and patched
   * after each edit there): a long document has tens of thousands, too many to read again
   * after every edit in another pane.
   */
  mentions: readonly MentionView[];
  /** Change it to make the panel read everything again (after undo, for example). */
  refreshKey: number;
  /** A click on a mention's quote. */
  onShowMention?: (m: ShownMention) => void;
  /** Called after each edit the panel made, so other views can re-read. */
  onChanged?: () => void;
}

type FormKind = "create" | "edit" | "alias" | "externalId" | "merge" | "delete" | "relation";

const MATCH_FIELDS: Record<string, string> = {
  nameZh: "Chinese name",
  nameEn: "English name",
  alias: "alias",
  key: "key",
  externalId: "external id",
};

/** Enter submits from a select or checkbox too, Ctrl/Cmd+Enter from a multi-line field. */
function submitOnEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const tag = target.tagName;
  const checkbox = tag === "INPUT" && (target as HTMLInputElement).type === "checkbox";
  if (tag === "SELECT" || checkbox || (tag === "TEXTAREA" && (event.ctrlKey || event.metaKey))) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

export function EntityPanel({ documentId, mentions, refreshKey, onShowMention, onChanged }: EntityPanelProps) {
  const [schema, setSchema] = useState<AnnotationSchema | null>(null);
  const [entities, setEntities] = useState<EntityView[] | null>(null);
  const [relations, setRelations] = useState<RelationView[]>([]);
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortKey>("type");
  const [openId, setOpenId] = useState<number | null>(null);
  const [form, setForm] = useState<FormKind | null>(null);
  const [createSeed, setCreateSeed] = useState<{ draft: EntityDraft; mention: MentionView | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const busyRef = useRef(false);
  const mounted = useRef(true);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Everything the panel shows, read again when the project may have changed.
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.annotationSchema(), api.listEntities(), api.listRelations()])
      .then(([s, e, r]) => {
        if (cancelled) return;
        setSchema(s);
        setEntities(e);
        setRelations(r);
      })
      .catch((e: IpcError) => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);

  /** Runs one IPC call at a time, showing `label` meanwhile and any error afterwards. */
  const run = useCallback(async <T,>(label: string, call: () => Promise<T>): Promise<T | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(label);
    setError(null);
    setStatus(null);
    try {
      return await call();
    } catch (e) {
      if (mounted.current) setError(e as IpcError);
      return undefined;
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(null);
    }
  }, []);

  const focusLater = (selector: string) => {
    window.setTimeout(() => rootRef.current?.querySelector<HTMLElement>(selector)?.focus(), 0);
  };

  const openEntity = (id: number) => {
    setOpenId(id);
    setForm(null);
    focusLater(".entity-page-title");
  };

  const closeEntity = () => {
    const id = openId;
    setOpenId(null);
    setForm(null);
    if (id !== null) focusLater(`[data-entity-id="${id}"]`);
  };

  const closeForm = () => {
    const was = form;
    setForm(null);
    setCreateSeed(null);
    focusLater(was === "create" || openId === null ? ".entity-search" : ".entity-page-title");
  };

  /**
   * Re-reads what an edit may have changed beyond its own list. (The mentions come back
   * through `mentions`: `onChanged` makes the alignment editor read them again.)
   */
  const rereadOthers = async () => {
    const r = await api.listRelations();
    if (!mounted.current) return;
    setRelations(r);
  };

  /** Runs an entity edit and shows its result; true when it was made. */
  const entityEdit = async (
    label: string,
    call: () => Promise<EntityEdit>,
    done: (edit: EntityEdit) => string,
    options: { reread?: boolean } = {},
  ): Promise<EntityEdit | undefined> => {
    const edit = await run(label, async () => {
      const result = await call();
      if (options.reread) await rereadOthers();
      return result;
    });
    if (!edit || !mounted.current) return undefined;
    setEntities(edit.entities);
    setStatus(done(edit));
    onChangedRef.current?.();
    return edit;
  };

  const byId = useMemo(() => new Map((entities ?? []).map((e) => [e.id, e])), [entities]);
  const open = openId === null ? undefined : byId.get(openId);
  const types = schema?.entityTypes ?? [];

  // An open entity that no longer exists (undo, a merge elsewhere) closes its page.
  useEffect(() => {
    if (entities && openId !== null && !byId.has(openId)) {
      setOpenId(null);
      setForm(null);
      focusLater(".entity-search");
    }
  }, [byId, entities, openId]);

  const found = useMemo(() => searchEntities(entities ?? [], query), [entities, query]);
  const matchOf = useMemo(() => new Map(found.map((f) => [f.entity.id, f.match])), [found]);
  const sortedFlat = useMemo(() => sortEntities(found.map((f) => f.entity), sort, types), [found, sort, types]);
  const groups = useMemo(() => groupByType(sortedFlat, types), [sortedFlat, types]);

  // Counted, not listed: the list is made only while it is open, since a long document's
  // every edit would otherwise copy tens of thousands of mentions here for a closed list.
  const unlinkedCount = useMemo(() => {
    let count = 0;
    for (const m of mentions) if (isUnlinked(m)) count += 1;
    return count;
  }, [mentions]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape" && !event.nativeEvent.isComposing) {
      if (form) {
        event.preventDefault();
        closeForm();
      } else if (openId !== null) {
        event.preventDefault();
        closeEntity();
      }
    }
    // Keep the alignment's one-key shortcuts for the alignment.
    if (!event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
  };

  const startCreate = (seed: { draft: EntityDraft; mention: MentionView | null } | null) => {
    setCreateSeed(seed);
    setOpenId(null);
    setForm("create");
  };

  const showMention = (m: MentionView) => {
    if (documentId !== null && onShowMention) onShowMention({ documentId, lang: m.lang, start: m.start, end: m.end });
  };

  const linkMention = async (mention: MentionView, entity: EntityView) => {
    if (documentId === null) return;
    const docId = documentId;
    const result = await run("Linking…", async () => {
      const edit = await api.linkMentions(docId, [mention.id], entity.id);
      const list = await api.listEntities();
      return { edit, list };
    });
    if (!result || !mounted.current) return;
    setEntities(result.list);
    setStatus(`Linked “${mention.quote}” to ${entityTitle(entity)}`);
    onChangedRef.current?.();
  };

  return (
    <section
      className="entity-panel"
      aria-label="Entities"
      aria-busy={busy !== null}
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <header className="entity-head">
        <h2>Entities</h2>
        <button type="button" onClick={() => startCreate(null)} disabled={busy !== null || !schema}>
          New entity
        </button>
      </header>
      <div className="entity-controls">
        <input
          className="entity-search"
          type="search"
          placeholder="Names or aliases"
          aria-label="Search entities by any name or alias"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter opens the only (or first) match.
            if (e.key === "Enter" && !e.nativeEvent.isComposing) {
              const first = sortedFlat[0];
              if (first) {
                e.preventDefault();
                openEntity(first.id);
              }
            }
          }}
        />
        <label className="entity-sort">
          Sort{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORT_KEYS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="entity-status-line">
        <span role="status">{busy ?? status ?? ""}</span>
      </div>
      {error && (
        <div className="entity-error" role="alert" data-code={error.code}>
          <span className="entity-error-code">{error.code}</span> {error.message}{" "}
          <button type="button" className="entity-link-button" onClick={() => setError(null)} aria-label="Dismiss the error">
            ×
          </button>
        </div>
      )}

      {form === "create" && schema && (
        <CreateForm
          key={createSeed?.mention?.id ?? "new"}
          schema={schema}
          seed={createSeed}
          busy={busy !== null}
          onCancel={closeForm}
          onSubmit={async (entity) => {
            const mention = createSeed?.mention ?? null;
            const edit = await entityEdit("Creating…", () => api.createEntity(entity), (e) =>
              e.entity ? `Created ${entityTitle(e.entity)}` : "Created",
            );
            if (!edit?.entity) return;
            setForm(null);
            setCreateSeed(null);
            if (mention) await linkMention(mention, edit.entity);
            openEntity(edit.entity.id);
          }}
        />
      )}

      {open ? (
        <EntityPage
          entity={open}
          byId={byId}
          entities={entities ?? []}
          relations={relations}
          mentions={mentions.filter((m) => m.entityId === open.id)}
          hasDocument={documentId !== null}
          schema={schema}
          form={form}
          busy={busy !== null}
          setForm={(f) => {
            setForm(f);
            if (f === null) focusLater(".entity-page-title");
          }}
          onClose={closeEntity}
          onOpen={openEntity}
          onShowMention={onShowMention ? showMention : undefined}
          entityEdit={entityEdit}
          onRelations={async (label, call, done) => {
            const edit = await run(label, call);
            if (!edit || !mounted.current) return false;
            setRelations(edit.relations);
            setStatus(done);
            onChangedRef.current?.();
            return true;
          }}
        />
      ) : (
        <div className="entity-list" aria-label="Registry">
          {entities === null ? (
            <p className="entity-hint">Loading…</p>
          ) : entities.length === 0 ? (
            <p className="entity-hint">The registry is empty. Create an entity with “New entity”.</p>
          ) : found.length === 0 ? (
            <p className="entity-hint">No entity has a name like “{query.trim()}”.</p>
          ) : sort === "type" ? (
            groups.map((group) => (
              <section key={group.typeName} className="entity-group" aria-label={group.typeName}>
                <h3 className="entity-group-title">
                  {group.typeName}{" "}
                  <span className="entity-count">
                    {plural(group.entities.length, "entity", "entities")} · {plural(group.mentionCount, "mention", "mentions")}
                  </span>
                </h3>
                <EntityList entities={group.entities} matchOf={matchOf} query={query} onOpen={openEntity} />
              </section>
            ))
          ) : (
            <EntityList entities={sortedFlat} matchOf={matchOf} query={query} onOpen={openEntity} showType />
          )}
          {unlinkedCount > 0 && (
            <UnlinkedMentions
              mentions={mentions}
              count={unlinkedCount}
              documentId={documentId}
              disabled={busy !== null || !schema}
              onShow={onShowMention ? showMention : undefined}
              onCreate={(m) => {
                const entity = newEntityFromMention(m);
                if (!entity) return;
                const draft: EntityDraft = {
                  ...emptyEntityDraft(types.includes(m.typeName) ? m.typeName : (types[0] ?? "")),
                  nameZh: entity.nameZh ?? "",
                  nameEn: entity.nameEn ?? "",
                };
                startCreate({ draft, mention: m });
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The document's mentions without an entity, in a closed <details>: its items are rendered
 * only while it is open, and then the first SHOW_FIRST of them with "Show more" (a long
 * document has tens of thousands).
 */
function UnlinkedMentions({
  mentions,
  count,
  documentId,
  disabled,
  onShow,
  onCreate,
}: {
  mentions: readonly MentionView[];
  /** How many of `mentions` have no entity (and are not rejected). */
  count: number;
  documentId: number | null;
  disabled: boolean;
  onShow?: (m: MentionView) => void;
  onCreate: (m: MentionView) => void;
}) {
  const [open, setOpen] = useState(false);
  const unlinked = useMemo(() => (open ? mentions.filter(isUnlinked) : NO_MENTIONS), [open, mentions]);
  const { shown, more, step } = useCapped(unlinked, documentId);
  return (
    <details className="entity-unlinked" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Mentions without an entity in this document ({count})</summary>
      {open && (
        <>
          <ul>
            {shown.map((m) => (
              <li key={m.id}>
                <MentionQuote mention={m} onShow={onShow ? () => onShow(m) : undefined} />{" "}
                <span className="entity-muted">{m.typeName}</span>{" "}
                <button type="button" className="entity-small" disabled={disabled} onClick={() => onCreate(m)}>
                  New entity from it
                </button>
              </li>
            ))}
          </ul>
          <ShowMore total={unlinked.length} shown={shown.length} step={step} onMore={more} />
        </>
      )}
    </details>
  );
}

const NO_MENTIONS: MentionView[] = [];

const isUnlinked = (m: MentionView) => m.entityId === null && m.status !== "rejected";

function EntityList({
  entities,
  matchOf,
  query,
  onOpen,
  showType = false,
}: {
  entities: EntityView[];
  matchOf: Map<number, { text: string; field: string; score: number }>;
  query: string;
  onOpen: (id: number) => void;
  showType?: boolean;
}) {
  const { shown, more, step } = useCapped(entities, query);
  return (
    <>
    <ul className="entity-items">
      {shown.map((entity) => {
        const match = matchOf.get(entity.id);
        const title = entityTitle(entity);
        // Say which name matched when it is not one the title shows.
        const via =
          query.trim() !== "" && match && match.text && match.field !== "nameZh" && match.field !== "nameEn"
            ? `${MATCH_FIELDS[match.field] ?? match.field}: ${match.text}`
            : null;
        return (
          <li key={entity.id}>
            <button type="button" className="entity-item" data-entity-id={entity.id} onClick={() => onOpen(entity.id)}>
              <span className="entity-item-title">{title}</span>
              {showType && <span className="entity-type-tag">{entity.typeName}</span>}
              <span className="entity-count" title="Mentions in all documents">
                {entity.mentionCount}
              </span>
              {via && <span className="entity-via">{via}</span>}
            </button>
          </li>
        );
      })}
    </ul>
    <ShowMore total={entities.length} shown={shown.length} step={step} onMore={more} />
    </>
  );
}

function MentionQuote({ mention, onShow }: { mention: MentionView; onShow?: () => void }) {
  const around = mentionContext(mention);
  const body = (
    <>
      <span className="entity-context">{around.before}</span>
      <mark className="entity-quote" lang={mention.lang === "zh" ? "zh-Hans" : "en"}>
        {mention.quote}
      </mark>
      <span className="entity-context">{around.after}</span>
    </>
  );
  return onShow ? (
    <button type="button" className="entity-mention" onClick={onShow} title="Show it in the text">
      {body}
    </button>
  ) : (
    <span className="entity-mention">{body}</span>
  );
}

type EntityEditRunner = (
  label: string,
  call: () => Promise<EntityEdit>,
  done: (edit: EntityEdit) => string,
  options?: { reread?: boolean },
) => Promise<EntityEdit | undefined>;

function EntityPage({
  entity,
  byId,
  entities,
  relations,
  mentions,
  hasDocument,
  schema,
  form,
  busy,
  setForm,
  onClose,
  onOpen,
  onShowMention,
  entityEdit,
  onRelations,
}: {
  entity: EntityView;
  byId: Map<number, EntityView>;
  entities: EntityView[];
  relations: RelationView[];
  mentions: MentionView[];
  hasDocument: boolean;
  schema: AnnotationSchema | null;
  form: FormKind | null;
  busy: boolean;
  setForm: (form: FormKind | null) => void;
  onClose: () => void;
  onOpen: (id: number) => void;
  onShowMention?: (m: MentionView) => void;
  entityEdit: EntityEditRunner;
  onRelations: (label: string, call: () => Promise<{ relations: RelationView[] }>, done: string) => Promise<boolean>;
}) {
  const title = entityTitle(entity);
  const own = relationsOf(entity.id, relations);
  const { shown: shownMentions, more: moreMentions, step: mentionStep } = useCapped(mentions, entity.id);
  const name = (id: number) => {
    const other = byId.get(id);
    return other ? entityTitle(other) : `entity ${id}`;
  };
  const action = (kind: FormKind, label: string) => (
    <button
      type="button"
      aria-pressed={form === kind}
      disabled={busy}
      onClick={() => setForm(form === kind ? null : kind)}
    >
      {label}
    </button>
  );

  return (
    <article className="entity-page" aria-label={title}>
      <header className="entity-page-head">
        <h3 className="entity-page-title" tabIndex={-1}>
          {title}
        </h3>
        <button type="button" className="entity-close" onClick={onClose} title="Back to the registry (Escape)" aria-keyshortcuts="Escape">
          Close
        </button>
      </header>
      <dl className="entity-facts">
        <dt>Type</dt>
        <dd>{entity.typeName}</dd>
        <dt>Chinese</dt>
        <dd lang="zh-Hans">{entity.nameZh ?? <span className="entity-muted">—</span>}</dd>
        <dt>English</dt>
        <dd>{entity.nameEn ?? <span className="entity-muted">—</span>}</dd>
        {entity.key && (
          <>
            <dt>Key</dt>
            <dd className="entity-code">{entity.key}</dd>
          </>
        )}
        <dt>Mentions</dt>
        <dd>{entity.mentionCount} in all documents</dd>
        {entity.notes && (
          <>
            <dt>Notes</dt>
            <dd className="entity-notes">{entity.notes}</dd>
          </>
        )}
      </dl>

      <div className="entity-actions" role="toolbar" aria-label="Edit the entity">
        {action("edit", "Edit")}
        {action("alias", "Add alias")}
        {action("externalId", "Add external id")}
        {action("relation", "Add relation")}
        {action("merge", "Merge…")}
        {action("delete", "Delete…")}
      </div>

      {form === "edit" && (
        <EditForm
          entity={entity}
          types={schema?.entityTypes ?? [entity.typeName]}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={async (patch) => {
            const edit = await entityEdit("Saving…", () => api.updateEntity(entity.id, patch), () => `Saved ${title}`);
            if (edit) setForm(null);
          }}
        />
      )}
      {form === "alias" && (
        <AliasForm
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={async (alias) => {
            const edit = await entityEdit("Adding…", () => api.addAlias(entity.id, alias), () => `Added the alias “${alias.text}”`);
            if (edit) setForm(null);
          }}
        />
      )}
      {form === "externalId" && (
        <ExternalIdForm
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={async (scheme, value) => {
            const edit = await entityEdit(
              "Adding…",
              () => api.addExternalId(entity.id, scheme, value),
              () => `Added the ${scheme} id ${value}`,
            );
            if (edit) setForm(null);
          }}
        />
      )}
      {form === "relation" && (
        <RelationForm
          entity={entity}
          entities={entities}
          types={schema?.relationTypes ?? []}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={async (relation) => {
            const ok = await onRelations(
              "Adding…",
              () => api.addRelation(relation),
              `Added ${name(relation.sourceId)} ${relation.typeName} ${name(relation.targetId)}`,
            );
            if (ok) setForm(null);
          }}
        />
      )}
      {form === "merge" && (
        <MergeForm
          entity={entity}
          entities={entities}
          relations={relations}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={async (keep, absorb) => {
            const edit = await entityEdit(
              "Merging…",
              () => api.mergeEntities(keep.id, absorb.id),
              () => `Merged ${entityTitle(absorb)} into ${entityTitle(keep)}`,
              { reread: true },
            );
            if (edit?.entity) onOpen(edit.entity.id);
          }}
        />
      )}
      {form === "delete" && (
        <form
          className="entity-form entity-confirm"
          aria-label="Delete the entity"
          onKeyDown={submitOnEnter}
          onSubmit={async (event: FormEvent) => {
            event.preventDefault();
            await entityEdit("Deleting…", () => api.deleteEntity(entity.id), () => `Deleted ${title} (Undo brings it back)`, {
              reread: true,
            });
          }}
        >
          <p>
            Delete {title}? Its {plural(entity.mentionCount, "mention keeps", "mentions keep")} its span but loses the link;
            its {plural(entity.aliases.length, "alias", "aliases")}, {plural(entity.externalIds.length, "external id", "external ids")}{" "}
            and {plural(own.length, "relation", "relations")} are deleted. Undo restores all of it.
          </p>
          <FormButtons busy={busy} submit="Delete" danger onCancel={() => setForm(null)} autoFocus />
        </form>
      )}

      <Section title={`Aliases (${entity.aliases.length})`}>
        {entity.aliases.length === 0 ? (
          <p className="entity-hint">No other names.</p>
        ) : (
          <ul className="entity-aliases">
            {entity.aliases.map((alias) => (
              <li key={alias.id}>
                <span className="entity-alias-text" lang={alias.lang === "zh" ? (alias.script === "traditional" ? "zh-Hant" : "zh-Hans") : "en"}>
                  {alias.text}
                </span>{" "}
                <span className="entity-tag">{alias.lang}</span> <span className="entity-tag">{alias.script}</span>
                {alias.abbreviation && <span className="entity-tag entity-tag-abbr">abbreviation</span>}{" "}
                <button
                  type="button"
                  className="entity-small"
                  disabled={busy}
                  aria-label={`Remove the alias ${alias.text}`}
                  onClick={() =>
                    void entityEdit("Removing…", () => api.removeAlias(entity.id, alias.id), () => `Removed the alias “${alias.text}”`)
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {entity.externalIds.length > 0 && (
        <Section title={`External ids (${entity.externalIds.length})`}>
          <ul className="entity-aliases">
            {entity.externalIds.map((ext) => (
              <li key={ext.id}>
                <span className="entity-muted">{ext.scheme}</span> <span className="entity-code">{ext.value}</span>{" "}
                <button
                  type="button"
                  className="entity-small"
                  disabled={busy}
                  aria-label={`Remove the ${ext.scheme} id ${ext.value}`}
                  onClick={() =>
                    void entityEdit(
                      "Removing…",
                      () => api.removeExternalId(entity.id, ext.id),
                      () => `Removed the ${ext.scheme} id ${ext.value}`,
                    )
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title={`In this document (${mentions.length})`}>
        {!hasDocument ? (
          <p className="entity-hint">No document is open.</p>
        ) : mentions.length === 0 ? (
          <p className="entity-hint">No mention of it in this document.</p>
        ) : (
          <>
          <ul className="entity-mentions">
            {shownMentions.map((m) => (
              <li key={m.id} className={`entity-mention-row entity-status-${m.status}`}>
                <span className="entity-tag">{m.lang}</span>{" "}
                <MentionQuote mention={m} onShow={onShowMention ? () => onShowMention(m) : undefined} />{" "}
                {m.status !== "accepted" && <span className="entity-muted">{m.status}</span>}
                {m.orphaned && <span className="entity-warning"> text changed</span>}
              </li>
            ))}
          </ul>
          <ShowMore total={mentions.length} shown={shownMentions.length} step={mentionStep} onMore={moreMentions} />
          </>
        )}
      </Section>

      <Section title={`Relations (${own.length})`}>
        {own.length === 0 ? (
          <p className="entity-hint">No relations.</p>
        ) : (
          <ul className="entity-relations">
            {own.map(({ relation, direction, otherId }) => (
              <li key={relation.id}>
                {direction === "out" ? (
                  <>
                    <span className="entity-muted">this</span> <span className="entity-relation-type">{relation.typeName}</span>{" "}
                    <button type="button" className="entity-link-button" onClick={() => onOpen(otherId)}>
                      {name(otherId)}
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" className="entity-link-button" onClick={() => onOpen(otherId)}>
                      {name(otherId)}
                    </button>{" "}
                    <span className="entity-relation-type">{relation.typeName}</span> <span className="entity-muted">this</span>
                  </>
                )}
                {relation.note && <span className="entity-muted"> — {relation.note}</span>}
                {relation.anchors.length > 0 && (
                  <span className="entity-muted"> · {plural(relation.anchors.length, "anchor", "anchors")}</span>
                )}{" "}
                <button
                  type="button"
                  className="entity-small"
                  disabled={busy}
                  aria-label={`Delete the relation ${relation.typeName} with ${name(otherId)}`}
                  onClick={() =>
                    void onRelations("Deleting…", () => api.deleteRelation(relation.id), `Deleted the ${relation.typeName} relation`)
                  }
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="entity-section" aria-label={title}>
      <h4>{title}</h4>
      {children}
    </section>
  );
}

function FormButtons({
  busy,
  submit,
  onCancel,
  danger = false,
  disabled = false,
  autoFocus = false,
}: {
  busy: boolean;
  submit: string;
  onCancel: () => void;
  danger?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <div className="entity-form-buttons">
      <button type="submit" className={danger ? "entity-danger" : "entity-primary"} disabled={busy || disabled} autoFocus={autoFocus}>
        {submit}
      </button>
      <button type="button" onClick={onCancel} title="Escape">
        Cancel
      </button>
      <span className="entity-form-hint">Enter: {submit.replace(/…$/, "").toLowerCase()} · Esc: cancel</span>
    </div>
  );
}

function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="entity-form-error" role="alert">
      {message}
    </p>
  ) : null;
}

function AliasFields({
  alias,
  onChange,
  autoFocus = false,
  onRemove,
}: {
  alias: AliasDraft;
  onChange: (alias: AliasDraft) => void;
  autoFocus?: boolean;
  onRemove?: () => void;
}) {
  return (
    <div className="entity-alias-fields">
      <select aria-label="Language" value={alias.lang} onChange={(e) => onChange({ ...alias, lang: e.target.value as Lang })}>
        <option value="zh">zh</option>
        <option value="en">en</option>
      </select>
      <input
        aria-label="Alias"
        value={alias.text}
        autoFocus={autoFocus}
        lang={alias.lang === "zh" ? "zh-Hans" : "en"}
        onChange={(e) => onChange({ ...alias, text: e.target.value })}
      />
      <select
        aria-label="Script"
        value={alias.script}
        onChange={(e) => onChange({ ...alias, script: e.target.value as AliasDraft["script"] })}
      >
        <option value="auto">script: infer</option>
        {SCRIPTS.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label className="entity-check">
        <input type="checkbox" checked={alias.abbreviation} onChange={(e) => onChange({ ...alias, abbreviation: e.target.checked })} />{" "}
        abbreviation
      </label>
      {onRemove && (
        <button type="button" className="entity-small" onClick={onRemove} aria-label="Remove this alias row">
          ×
        </button>
      )}
    </div>
  );
}

function NameFields({ draft, onChange, autoFocus }: { draft: EntityDraft; onChange: (d: EntityDraft) => void; autoFocus?: boolean }) {
  return (
    <>
      <label>
        Chinese name
        <input lang="zh-Hans" value={draft.nameZh} autoFocus={autoFocus} onChange={(e) => onChange({ ...draft, nameZh: e.target.value })} />
      </label>
      <label>
        English name
        <input value={draft.nameEn} onChange={(e) => onChange({ ...draft, nameEn: e.target.value })} />
      </label>
    </>
  );
}

function TypeField({ types, value, onChange, label = "Type" }: { types: string[]; value: string; onChange: (t: string) => void; label?: string }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {value === "" && <option value="">(choose)</option>}
        {!types.includes(value) && value !== "" && <option value={value}>{value}</option>}
        {types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

function CreateForm({
  schema,
  seed,
  busy,
  onCancel,
  onSubmit,
}: {
  schema: AnnotationSchema;
  seed: { draft: EntityDraft; mention: MentionView | null } | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (entity: NewEntity) => Promise<void>;
}) {
  const [draft, setDraft] = useState<EntityDraft>(() => seed?.draft ?? emptyEntityDraft(schema.entityTypes[0] ?? ""));
  const [problem, setProblem] = useState<string | null>(null);
  const setAlias = (index: number, alias: AliasDraft) =>
    setDraft((d) => ({ ...d, aliases: d.aliases.map((a, i) => (i === index ? alias : a)) }));
  return (
    <form
      className="entity-form"
      aria-label="New entity"
      onKeyDown={submitOnEnter}
      onSubmit={(event) => {
        event.preventDefault();
        const result = newEntityFromDraft(draft);
        if ("error" in result) {
          setProblem(result.error);
          return;
        }
        setProblem(null);
        void onSubmit(result.entity);
      }}
    >
      <h3>New entity{seed?.mention ? ` from “${seed.mention.quote}”` : ""}</h3>
      {seed?.mention && <p className="entity-hint">The mention is linked to it once it is created.</p>}
      <div className="entity-form-grid">
        <TypeField types={schema.entityTypes} value={draft.typeName} onChange={(typeName) => setDraft({ ...draft, typeName })} />
        <NameFields draft={draft} onChange={setDraft} autoFocus />
        <label>
          Key (optional)
          <input value={draft.key} placeholder="e.g. inst14" onChange={(e) => setDraft({ ...draft, key: e.target.value })} />
        </label>
        <label className="entity-wide">
          Notes
          <textarea rows={2} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />
        </label>
      </div>
      <fieldset className="entity-alias-rows">
        <legend>Aliases</legend>
        {draft.aliases.map((alias, index) => (
          <AliasFields
            key={index}
            alias={alias}
            onChange={(a) => setAlias(index, a)}
            onRemove={() => setDraft((d) => ({ ...d, aliases: d.aliases.filter((_, i) => i !== index) }))}
          />
        ))}
        <button type="button" className="entity-small" onClick={() => setDraft((d) => ({ ...d, aliases: [...d.aliases, emptyAlias()] }))}>
          Add an alias row
        </button>
      </fieldset>
      <FormError message={problem} />
      <FormButtons busy={busy} submit="Create" onCancel={onCancel} />
    </form>
  );
}

function EditForm({
  entity,
  types,
  busy,
  onCancel,
  onSubmit,
}: {
  entity: EntityView;
  types: string[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (patch: EntityPatch) => Promise<void>;
}) {
  const [draft, setDraft] = useState<EntityDraft>(() => draftFromEntity(entity));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="entity-form"
      aria-label="Edit the entity"
      onKeyDown={submitOnEnter}
      onSubmit={(event) => {
        event.preventDefault();
        const result = entityPatchFromDraft(entity, draft);
        if ("error" in result) {
          setProblem(result.error);
          return;
        }
        if (result.patch === null) {
          setProblem("nothing changed");
          return;
        }
        setProblem(null);
        void onSubmit(result.patch);
      }}
    >
      <div className="entity-form-grid">
        <NameFields draft={draft} onChange={setDraft} autoFocus />
        <TypeField types={types} value={draft.typeName} onChange={(typeName) => setDraft({ ...draft, typeName })} />
        <label>
          Key
          <input value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} />
        </label>
        <label className="entity-wide">
          Notes
          <textarea rows={3} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />
        </label>
      </div>
      <FormError message={problem} />
      <FormButtons busy={busy} submit="Save" onCancel={onCancel} />
    </form>
  );
}

function AliasForm({
  busy,
  onCancel,
  onSubmit,
}: {
  busy: boolean;
  onCancel: () => void;
  onSubmit: (alias: NewAlias) => Promise<void>;
}) {
  const [draft, setDraft] = useState<AliasDraft>(() => emptyAlias());
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="entity-form"
      aria-label="Add an alias"
      onKeyDown={submitOnEnter}
      onSubmit={(event) => {
        event.preventDefault();
        const alias = aliasFromDraft(draft);
        if (!alias) {
          setProblem("type the alias");
          return;
        }
        setProblem(null);
        void onSubmit(alias);
      }}
    >
      <AliasFields alias={draft} onChange={setDraft} autoFocus />
      <FormError message={problem} />
      <FormButtons busy={busy} submit="Add" onCancel={onCancel} />
    </form>
  );
}

function ExternalIdForm({
  busy,
  onCancel,
  onSubmit,
}: {
  busy: boolean;
  onCancel: () => void;
  onSubmit: (scheme: string, value: string) => Promise<void>;
}) {
  const [scheme, setScheme] = useState("");
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="entity-form"
      aria-label="Add an external id"
      onKeyDown={submitOnEnter}
      onSubmit={(event) => {
        event.preventDefault();
        if (!scheme.trim() || !value.trim()) {
          setProblem("give both the scheme and the value");
          return;
        }
        setProblem(null);
        void onSubmit(scheme.trim(), value.trim());
      }}
    >
      <div className="entity-form-grid">
        <label>
          Scheme
          <input value={scheme} placeholder="e.g. company-registry" autoFocus onChange={(e) => setScheme(e.target.value)} />
        </label>
        <label>
          Value
          <input value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
      </div>
      <FormError message={problem} />
      <FormButtons busy={busy} submit="Add" onCancel={onCancel} />
    </form>
  );
}

/** A filter box over the registry and a list box of the matching entities (not `excludeId`). */
function EntityPicker({
  entities,
  excludeId,
  value,
  onChange,
  label,
}: {
  entities: EntityView[];
  excludeId: number;
  value: number | null;
  onChange: (id: number | null) => void;
  label: string;
}) {
  const [filter, setFilter] = useState("");
  const matches = useMemo(
    () =>
      sortEntities(
        searchEntities(entities, filter)
          .map((f) => f.entity)
          .filter((e) => e.id !== excludeId),
        "name",
      ).slice(0, 200),
    [entities, excludeId, filter],
  );
  // Keep a choice that still matches; otherwise choose the first match.
  useEffect(() => {
    if (value !== null && matches.some((e) => e.id === value)) return;
    onChange(matches[0]?.id ?? null);
  }, [matches, onChange, value]);
  return (
    <div className="entity-picker">
      <label>
        {label}
        <input type="search" value={filter} placeholder="Filter by any name" autoFocus onChange={(e) => setFilter(e.target.value)} />
      </label>
      <select
        size={Math.min(6, Math.max(2, matches.length))}
        aria-label={`${label}: matching entities`}
        value={value === null ? "" : String(value)}
        onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
      >
        {matches.map((e) => (
          <option key={e.id} value={e.id}>
            {entityTitle(e)} ({e.typeName})
          </option>
        ))}
      </select>
      {matches.length === 0 && <p className="entity-hint">No other entity matches.</p>}
    </div>
  );
}

function RelationForm({
  entity,
  entities,
  types,
  busy,
  onCancel,
  onSubmit,
}: {
  entity: EntityView;
  entities: EntityView[];
  types: string[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (relation: NewRelation) => Promise<void>;
}) {
  const [typeName, setTypeName] = useState(types[0] ?? "");
  const [outgoing, setOutgoing] = useState(true);
  const [otherId, setOtherId] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const other = entities.find((e) => e.id === otherId);
  const title = entityTitle(entity);
  return (
    <form
      className="entity-form"
      aria-label="Add a relation"
      onKeyDown={submitOnEnter}
      onSubmit={(event) => {
        event.preventDefault();
        if (!typeName) {
          setProblem("the schema has no relation types");
          return;
        }
        if (otherId === null) {
          setProblem("choose the entity at the other end");
          return;
        }
        setProblem(null);
        const [sourceId, targetId] = outgoing ? [entity.id, otherId] : [otherId, entity.id];
        const relation: NewRelation = { typeName, sourceId, targetId };
        if (note.trim()) relation.note = note.trim();
        void onSubmit(relation);
      }}
    >
      <div className="entity-form-grid">
        <TypeField types={types} value={typeName} onChange={setTypeName} label="Relation" />
        <label>
          Direction
          <select value={outgoing ? "out" : "in"} onChange={(e) => setOutgoing(e.target.value === "out")}>
            <option value="out">this → other</option>
            <option value="in">other → this</option>
          </select>
        </label>
      </div>
      <EntityPicker entities={entities} excludeId={entity.id} value={otherId} onChange={setOtherId} label="Other entity" />
      <label className="entity-wide">
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {other && typeName && (
        <p className="entity-preview-line">
          {outgoing ? title : entityTitle(other)} <strong>{typeName}</strong> {outgoing ? entityTitle(other) : title}
        </p>
      )}
      <FormError message={problem} />
      <FormButtons busy={busy} submit="Add relation" onCancel={onCancel} disabled={otherId === null} />
    </form>
  );
}

function MergeForm({
  entity,
  entities,
  relations,
  busy,
  onCancel,
  onSubmit,
}: {
  entity: EntityView;
  entities: EntityView[];
  relations: RelationView[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (keep: EntityView, absorb: EntityView) => Promise<void>;
}) {
  const [otherId, setOtherId] = useState<number | null>(null);
  const [keepThis, setKeepThis] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const other = entities.find((e) => e.id === otherId);
  const [keep, absorb] = other ? (keepThis ? [entity, other] : [other, entity]) : [null, null];
  const preview = keep && absorb ? mergePreview(keep, absorb, relations) : null;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <form
      className="entity-form"
      aria-label="Merge entities"
      onKeyDown={(event) => {
        if (event.key === "Escape" && confirming) {
          // Escape steps back from the confirmation before it closes the form.
          event.preventDefault();
          event.stopPropagation();
          setConfirming(false);
          return;
        }
        submitOnEnter(event);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (!keep || !absorb) return;
        if (!confirming) {
          setConfirming(true);
          return;
        }
        void onSubmit(keep, absorb);
      }}
    >
      {!confirming && (
        <>
          <EntityPicker entities={entities} excludeId={entity.id} value={otherId} onChange={setOtherId} label="Merge with" />
          <label>
            Keep
            <select value={keepThis ? "this" : "other"} onChange={(e) => setKeepThis(e.target.value === "this")}>
              <option value="other">the other entity (merge this one into it)</option>
              <option value="this">this entity (merge the other into it)</option>
            </select>
          </label>
        </>
      )}
      {keep && absorb && preview && (
        <div className="entity-merge-preview" aria-live="polite">
          <p>
            <strong>{entityTitle(absorb)}</strong> goes into <strong>{entityTitle(keep)}</strong>, which keeps its type ({keep.typeName}
            {preview.typeDiffers ? `; the other is ${absorb.typeName}` : ""}).
          </p>
          <ul>
            {preview.nameZh && <li>Chinese name becomes “{preview.nameZh}”</li>}
            {preview.nameEn && <li>English name becomes “{preview.nameEn}”</li>}
            {preview.newAliases.length > 0 ? (
              <li>
                New aliases:{" "}
                {preview.newAliases.map((a, i) => (
                  <span key={`${a.lang}-${a.text}`}>
                    {i > 0 && ", "}
                    <span className="entity-alias-text">{a.text}</span> <span className="entity-muted">({a.lang}{a.abbreviation ? ", abbreviation" : ""}{a.from === "name" ? ", was a preferred name" : ""})</span>
                  </span>
                ))}
              </li>
            ) : (
              <li>No new aliases</li>
            )}
            {preview.droppedAliases.length > 0 && (
              <li>
                Already known, dropped: {preview.droppedAliases.map((a) => a.text).join(", ")}
              </li>
            )}
            {preview.newExternalIds.length > 0 && (
              <li>New external ids: {preview.newExternalIds.map((x) => `${x.scheme} ${x.value}`).join(", ")}</li>
            )}
            <li>
              {plural(preview.mentions, "mention", "mentions")} relinked · {plural(preview.movedRelations, "relation", "relations")} moved
              {preview.droppedRelations > 0 ? ` · ${plural(preview.droppedRelations, "relation", "relations")} between them deleted` : ""}
            </li>
            {preview.notesAppended && <li>Its notes are appended</li>}
            {preview.key && <li>Key becomes {preview.key}</li>}
          </ul>
        </div>
      )}
      {confirming && keep && absorb ? (
        <div className="entity-form-buttons">
          <button type="submit" ref={confirmRef} className="entity-danger" disabled={busy}>
            Merge now
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Back
          </button>
          <span className="entity-form-hint">Enter: merge · Esc: back · Undo takes it back</span>
        </div>
      ) : (
        <FormButtons busy={busy} submit="Merge…" onCancel={onCancel} disabled={!keep} />
      )}
    </form>
  );
}
