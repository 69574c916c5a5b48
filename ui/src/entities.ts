/**
 * The entity registry's logic, kept apart from React so it can be tested: searching by any
 * name (case-, width- and diacritic-insensitive; Chinese by substring), sorting, grouping by
 * type, display titles, building a `NewEntity` (from a mention's quote or the create form),
 * an `EntityPatch` from the edit form, an entity's relations, and the preview of a merge,
 * which mirrors `Project::merge_entities` in store/src/annotation/entities.rs.
 */
import type { AliasView } from "./bindings/AliasView";
import type { EntityPatch } from "./bindings/EntityPatch";
import type { EntityView } from "./bindings/EntityView";
import type { ExternalIdView } from "./bindings/ExternalIdView";
import type { Lang } from "./bindings/Lang";
import type { NewAlias } from "./bindings/NewAlias";
import type { NewEntity } from "./bindings/NewEntity";
import type { RelationView } from "./bindings/RelationView";
import type { Script } from "./bindings/Script";

export type { Lang, Script };

// ---------------------------------------------------------------------------------------
// Folding and search

/**
 * Text folded for matching: full-width ASCII (ＳＣＯＳＭＩ, １４) and the ideographic space
 * become their half-width forms, case and Latin diacritics (pinyin tone marks) are dropped,
 * and runs of white space become one space. Chinese characters are left as they are.
 */
export function foldText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Where a search matched: which name of the entity, and how well. */
export interface EntityMatch {
  /** 3: a whole name equals the query, 2: a name starts with it, 1: found inside a name. */
  score: number;
  /** The name (or key, external id) that matched best, as written. */
  text: string;
  field: "nameZh" | "nameEn" | "alias" | "key" | "externalId";
}

/** Every text an entity can be found by, with where it comes from. */
export function searchableNames(entity: EntityView): { text: string; field: EntityMatch["field"] }[] {
  const names: { text: string; field: EntityMatch["field"] }[] = [];
  if (entity.nameZh) names.push({ text: entity.nameZh, field: "nameZh" });
  if (entity.nameEn) names.push({ text: entity.nameEn, field: "nameEn" });
  for (const alias of entity.aliases) names.push({ text: alias.text, field: "alias" });
  if (entity.key) names.push({ text: entity.key, field: "key" });
  for (const ext of entity.externalIds) names.push({ text: ext.value, field: "externalId" });
  return names;
}

/**
 * How `entity` matches `query`, or null when it does not. Every word of the query (split
 * at white space) must be found, folded, inside one of the entity's names; an empty query
 * matches everything with score 0. The score is that of the whole query against its best
 * name (exact 3, prefix 2, inside 1), or 1 when only the words match, across names.
 */
export function matchEntity(entity: EntityView, query: string): EntityMatch | null {
  const q = foldText(query);
  const names = searchableNames(entity);
  if (q === "") return { score: 0, text: "", field: "nameZh" };
  const folded = names.map((name) => ({ ...name, folded: foldText(name.text) }));
  let best: EntityMatch | null = null;
  for (const name of folded) {
    const score = name.folded === q ? 3 : name.folded.startsWith(q) ? 2 : name.folded.includes(q) ? 1 : 0;
    if (score > (best?.score ?? 0)) best = { score, text: name.text, field: name.field };
  }
  if (best) return best;
  const words = q.split(" ");
  const hits = words.map((word) => folded.find((name) => name.folded.includes(word)));
  const first = hits[0];
  if (!first || hits.some((hit) => hit === undefined)) return null;
  return { score: 1, text: first.text, field: first.field };
}

/**
 * The entities matching `query`, in the order given (an empty query keeps them all), each
 * with how it matched.
 */
export function searchEntities(entities: EntityView[], query: string): { entity: EntityView; match: EntityMatch }[] {
  const found: { entity: EntityView; match: EntityMatch }[] = [];
  for (const entity of entities) {
    const match = matchEntity(entity, query);
    if (match) found.push({ entity, match });
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Titles, sorting, grouping

/**
 * The entity as people read it: "特材委 / SCOSMI", one name when it has one, else its first
 * alias, its key or "entity 12".
 */
export function entityTitle(entity: Pick<EntityView, "id" | "nameZh" | "nameEn" | "aliases" | "key">): string {
  const zh = entity.nameZh?.trim();
  const en = entity.nameEn?.trim();
  if (zh && en) return `${zh} / ${en}`;
  if (zh) return zh;
  if (en) return en;
  const alias = entity.aliases[0]?.text;
  if (alias) return alias;
  if (entity.key) return entity.key;
  return `entity ${entity.id}`;
}

export type SortKey = "type" | "name" | "mentions";

export const SORT_KEYS: { key: SortKey; label: string }[] = [
  { key: "type", label: "Type" },
  { key: "name", label: "Name" },
  { key: "mentions", label: "Mentions" },
];

// Pinyin order for Chinese where the runtime's ICU has it; numbers by value.
const collator = new Intl.Collator(["zh-Hans-u-co-pinyin", "en"], { sensitivity: "base", numeric: true });

/** Compares entities by title (then id, so equal titles keep a fixed order). */
export function compareByName(a: EntityView, b: EntityView): number {
  return collator.compare(entityTitle(a), entityTitle(b)) || a.id - b.id;
}

/** The position of a type: the schema's order, unknown types after it by name. */
function typeRank(typeOrder: readonly string[]): (type: string) => number {
  const rank = new Map(typeOrder.map((type, index) => [type, index]));
  return (type) => rank.get(type) ?? typeOrder.length;
}

/**
 * A sorted copy: by type (the schema's order, then by name), by name, or by mention count
 * (most first, then by name).
 */
export function sortEntities(entities: EntityView[], key: SortKey, typeOrder: readonly string[] = []): EntityView[] {
  const rank = typeRank(typeOrder);
  const byType = (a: EntityView, b: EntityView) =>
    rank(a.typeName) - rank(b.typeName) || collator.compare(a.typeName, b.typeName);
  const sorted = [...entities];
  switch (key) {
    case "type":
      sorted.sort((a, b) => byType(a, b) || compareByName(a, b));
      break;
    case "name":
      sorted.sort(compareByName);
      break;
    case "mentions":
      sorted.sort((a, b) => b.mentionCount - a.mentionCount || compareByName(a, b));
      break;
  }
  return sorted;
}

export interface EntityGroup {
  typeName: string;
  entities: EntityView[];
  /** The mentions of the group's entities together. */
  mentionCount: number;
}

/**
 * The entities by type: groups in the schema's order, then other types by name; empty
 * groups are left out, and each group keeps the order its entities were given in.
 */
export function groupByType(entities: EntityView[], typeOrder: readonly string[] = []): EntityGroup[] {
  const groups = new Map<string, EntityGroup>();
  for (const entity of entities) {
    let group = groups.get(entity.typeName);
    if (!group) {
      group = { typeName: entity.typeName, entities: [], mentionCount: 0 };
      groups.set(entity.typeName, group);
    }
    group.entities.push(entity);
    group.mentionCount += entity.mentionCount;
  }
  const rank = typeRank(typeOrder);
  return [...groups.values()].sort(
    (a, b) => rank(a.typeName) - rank(b.typeName) || collator.compare(a.typeName, b.typeName),
  );
}

// ---------------------------------------------------------------------------------------
// Building edits

/**
 * A one-line name from free text: trimmed, line breaks dropped between Chinese characters
 * and turned into one space elsewhere, runs of spaces made one.
 */
export function cleanName(text: string): string {
  return text
    .replace(/(\p{Script=Han})\s*[\r\n]+\s*(?=\p{Script=Han})/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A new entity named by a mention's quote: its preferred name in the mention's language.
 * Null when the quote has no name in it (only white space).
 */
export function newEntityFromMention(mention: { quote: string; lang: Lang; typeName: string }): NewEntity | null {
  const name = cleanName(mention.quote);
  if (name === "") return null;
  return mention.lang === "zh" ? { typeName: mention.typeName, nameZh: name } : { typeName: mention.typeName, nameEn: name };
}

/** One alias row of a form; `script` "auto" leaves it to Rust to infer. */
export interface AliasDraft {
  lang: Lang;
  text: string;
  script: Script | "auto";
  abbreviation: boolean;
}

export function emptyAlias(lang: Lang = "zh"): AliasDraft {
  return { lang, text: "", script: "auto", abbreviation: false };
}

/** The alias to send, or null for a row left empty. */
export function aliasFromDraft(draft: AliasDraft): NewAlias | null {
  const text = cleanName(draft.text);
  if (text === "") return null;
  const alias: NewAlias = { lang: draft.lang, text, abbreviation: draft.abbreviation };
  if (draft.script !== "auto") alias.script = draft.script;
  return alias;
}

export interface EntityDraft {
  typeName: string;
  nameZh: string;
  nameEn: string;
  notes: string;
  key: string;
  aliases: AliasDraft[];
}

export function emptyEntityDraft(typeName = ""): EntityDraft {
  return { typeName, nameZh: "", nameEn: "", notes: "", key: "", aliases: [] };
}

/** The create form's content as a `NewEntity`, or why it cannot be sent yet. */
export function newEntityFromDraft(draft: EntityDraft): { entity: NewEntity } | { error: string } {
  if (draft.typeName.trim() === "") return { error: "choose a type" };
  const nameZh = cleanName(draft.nameZh);
  const nameEn = cleanName(draft.nameEn);
  if (nameZh === "" && nameEn === "") return { error: "give a Chinese or an English name (or both)" };
  const entity: NewEntity = { typeName: draft.typeName };
  if (nameZh) entity.nameZh = nameZh;
  if (nameEn) entity.nameEn = nameEn;
  const notes = draft.notes.trim();
  if (notes) entity.notes = notes;
  const key = draft.key.trim();
  if (key) entity.key = key;
  const aliases: NewAlias[] = [];
  const seen = new Set<string>();
  for (const row of draft.aliases) {
    const alias = aliasFromDraft(row);
    if (!alias) continue;
    const preferred = alias.lang === "zh" ? nameZh : nameEn;
    const id = `${alias.lang}\u0000${alias.text}`;
    if (alias.text === preferred || seen.has(id)) continue; // Rust refuses these; drop them here.
    seen.add(id);
    aliases.push(alias);
  }
  if (aliases.length > 0) entity.aliases = aliases;
  return { entity };
}

/** The edit form filled with an entity's fields. */
export function draftFromEntity(entity: EntityView): EntityDraft {
  return {
    typeName: entity.typeName,
    nameZh: entity.nameZh ?? "",
    nameEn: entity.nameEn ?? "",
    notes: entity.notes,
    key: entity.key ?? "",
    aliases: [],
  };
}

/**
 * The fields the edit form changed, as an `EntityPatch` (an emptied name or key is cleared
 * with null); null when nothing changed, or an error when both names would be gone.
 */
export function entityPatchFromDraft(
  entity: EntityView,
  draft: EntityDraft,
): { patch: EntityPatch | null } | { error: string } {
  const nameZh = cleanName(draft.nameZh);
  const nameEn = cleanName(draft.nameEn);
  if (nameZh === "" && nameEn === "") return { error: "an entity needs a Chinese or an English name" };
  const patch: EntityPatch = {};
  if (draft.typeName && draft.typeName !== entity.typeName) patch.typeName = draft.typeName;
  if (nameZh !== (entity.nameZh ?? "")) patch.nameZh = nameZh === "" ? null : nameZh;
  if (nameEn !== (entity.nameEn ?? "")) patch.nameEn = nameEn === "" ? null : nameEn;
  const notes = draft.notes.trim();
  if (notes !== entity.notes.trim()) patch.notes = notes;
  const key = draft.key.trim();
  if (key !== (entity.key ?? "")) patch.key = key === "" ? null : key;
  return { patch: Object.keys(patch).length === 0 ? null : patch };
}

// ---------------------------------------------------------------------------------------
// Relations

export interface EntityRelation {
  relation: RelationView;
  /** `out`: this entity is the source; `in`: the target. */
  direction: "out" | "in";
  /** The entity at the other end. */
  otherId: number;
}

/** An entity's relations, those it is the source of first, each group by type then id. */
export function relationsOf(entityId: number, relations: RelationView[]): EntityRelation[] {
  const found: EntityRelation[] = [];
  for (const relation of relations) {
    if (relation.sourceId === entityId) found.push({ relation, direction: "out", otherId: relation.targetId });
    else if (relation.targetId === entityId) found.push({ relation, direction: "in", otherId: relation.sourceId });
  }
  return found.sort(
    (a, b) =>
      (a.direction === b.direction ? 0 : a.direction === "out" ? -1 : 1) ||
      collator.compare(a.relation.typeName, b.relation.typeName) ||
      a.relation.id - b.relation.id,
  );
}

// ---------------------------------------------------------------------------------------
// Merge preview

export interface MergePreview {
  /** Preferred names `keep` takes from `absorb` because it has none of that language. */
  nameZh: string | null;
  nameEn: string | null;
  /** Names `keep` gains as aliases: `absorb`'s aliases and preferred names it lacks. */
  newAliases: { lang: Lang; text: string; script: Script | null; abbreviation: boolean; from: "alias" | "name" }[];
  /** `absorb`'s aliases dropped because `keep` already has that name. */
  droppedAliases: AliasView[];
  newExternalIds: ExternalIdView[];
  droppedExternalIds: ExternalIdView[];
  /** Mentions linked to `absorb` (all documents), relinked to `keep`. */
  mentions: number;
  /** Relations moved to `keep`, and those between the two, deleted. */
  movedRelations: number;
  droppedRelations: number;
  /** `absorb`'s notes are appended to `keep`'s. */
  notesAppended: boolean;
  /** `absorb`'s key, taken because `keep` has none. */
  key: string | null;
  /** The types differ: `keep` keeps its own. */
  typeDiffers: boolean;
}

/**
 * What merging `absorb` into `keep` would do, following the store's rules: `absorb`'s
 * aliases move unless `keep` already has the name (same language, same text); `absorb`'s
 * preferred name of a language becomes `keep`'s if `keep` has none of it, else an alias
 * unless `keep` already has it; external ids move unless `keep` has the same; relations
 * move, those between the two are deleted; notes are appended; the key is taken if `keep`
 * has none; `keep` keeps its type.
 */
export function mergePreview(keep: EntityView, absorb: EntityView, relations: RelationView[] = []): MergePreview {
  const names = new Set<string>();
  const id = (lang: Lang, text: string) => `${lang}\u0000${text}`;
  for (const alias of keep.aliases) names.add(id(alias.lang, alias.text));
  const preferred: Record<Lang, string | null> = { zh: keep.nameZh, en: keep.nameEn };
  const has = (lang: Lang, text: string) => preferred[lang] === text || names.has(id(lang, text));

  const newAliases: MergePreview["newAliases"] = [];
  const droppedAliases: AliasView[] = [];
  for (const alias of absorb.aliases) {
    if (has(alias.lang, alias.text)) {
      droppedAliases.push(alias);
    } else {
      names.add(id(alias.lang, alias.text));
      newAliases.push({ lang: alias.lang, text: alias.text, script: alias.script, abbreviation: alias.abbreviation, from: "alias" });
    }
  }

  const taken: Record<Lang, string | null> = { zh: null, en: null };
  for (const lang of ["zh", "en"] as const) {
    const name = lang === "zh" ? absorb.nameZh : absorb.nameEn;
    if (!name || has(lang, name)) continue;
    if (preferred[lang] === null) {
      taken[lang] = name;
      preferred[lang] = name;
    } else {
      names.add(id(lang, name));
      newAliases.push({ lang, text: name, script: null, abbreviation: false, from: "name" });
    }
  }

  const newExternalIds: ExternalIdView[] = [];
  const droppedExternalIds: ExternalIdView[] = [];
  for (const ext of absorb.externalIds) {
    const dup = keep.externalIds.some((k) => k.scheme === ext.scheme && k.value === ext.value);
    (dup ? droppedExternalIds : newExternalIds).push(ext);
  }

  let movedRelations = 0;
  let droppedRelations = 0;
  for (const relation of relations) {
    if (relation.sourceId !== absorb.id && relation.targetId !== absorb.id) continue;
    const swap = (e: number) => (e === absorb.id ? keep.id : e);
    if (swap(relation.sourceId) === swap(relation.targetId)) droppedRelations += 1;
    else movedRelations += 1;
  }

  return {
    nameZh: taken.zh,
    nameEn: taken.en,
    newAliases,
    droppedAliases,
    newExternalIds,
    droppedExternalIds,
    mentions: absorb.mentionCount,
    movedRelations,
    droppedRelations,
    notesAppended: absorb.notes !== "" && absorb.notes !== keep.notes,
    key: keep.key === null ? absorb.key : null,
    typeDiffers: keep.typeName !== absorb.typeName,
  };
}

// ---------------------------------------------------------------------------------------
// Small display helpers

export const SCRIPTS: Script[] = ["simplified", "traditional", "pinyin", "latin"];

/** An RFC 3339 time in the reader's local time, "2024-05-01 14:03". */
export function formatTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The words around a mention for its line in a list: `chars` code points on each side
 * (never half of a character outside the Basic Multilingual Plane, as a UTF-16 slice
 * would cut 𠮷), line and paragraph breaks read as one space.
 */
export function mentionContext(
  mention: { prefix: string; suffix: string },
  chars = 12,
): { before: string; after: string } {
  const flat = (text: string) => Array.from(text.replace(/[^\S\r\n]*[\r\n]+\s*/g, " "));
  const before = flat(mention.prefix);
  return {
    before: before.slice(Math.max(0, before.length - chars)).join(""),
    after: flat(mention.suffix).slice(0, chars).join(""),
  };
}
