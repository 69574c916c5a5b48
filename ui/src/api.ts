/**
 * The typed boundary to the Rust side: one function per IPC command, with argument and
 * result types generated from the Rust DTOs (src/bindings, by ts-rs). Errors from Rust
 * arrive as `{code, message}`; anything else (a panic, a missing command) is normalised
 * to the same shape so the UI can always branch on `code` and show `message`.
 */
import { invoke } from "@tauri-apps/api/core";
import type { AlignmentPatch } from "./bindings/AlignmentPatch";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DocumentView } from "./bindings/DocumentView";
import type { HistoryStep } from "./bindings/HistoryStep";
import type { IpcError } from "./bindings/IpcError";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { SpanLinkView } from "./bindings/SpanLinkView";
import type { AnnotationSchema } from "./bindings/AnnotationSchema";
import type { ClaimEdit } from "./bindings/ClaimEdit";
import type { ClaimLinkKind } from "./bindings/ClaimLinkKind";
import type { ClaimPatch } from "./bindings/ClaimPatch";
import type { ClaimStatus } from "./bindings/ClaimStatus";
import type { ClaimView } from "./bindings/ClaimView";
import type { EntityEdit } from "./bindings/EntityEdit";
import type { EntityPatch } from "./bindings/EntityPatch";
import type { EntityView } from "./bindings/EntityView";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { MentionEdit } from "./bindings/MentionEdit";
import type { MentionStatus } from "./bindings/MentionStatus";
import type { MentionView } from "./bindings/MentionView";
import type { NewAlias } from "./bindings/NewAlias";
import type { NewAnchor } from "./bindings/NewAnchor";
import type { NewClaim } from "./bindings/NewClaim";
import type { NewEntity } from "./bindings/NewEntity";
import type { NewRelation } from "./bindings/NewRelation";
import type { NewSource } from "./bindings/NewSource";
import type { OneSidedMention } from "./bindings/OneSidedMention";
import type { RelationEdit } from "./bindings/RelationEdit";
import type { RelationView } from "./bindings/RelationView";
import type { SourceEdit } from "./bindings/SourceEdit";
import type { SourcePatch } from "./bindings/SourcePatch";
import type { SourceView } from "./bindings/SourceView";
import type { Stance } from "./bindings/Stance";
import type { Lang, MoveDirection } from "./alignment";
import { shareAlignment, shareMentions } from "./intern";
import { measureIpc, now } from "./perf";

export type { AlignmentPatch, AlignmentView, BeadView, DocumentSummary, DocumentView, HistoryStep, IpcError, ProjectInfo, SpanLinkView };
export type {
  AnnotationSchema,
  ClaimEdit,
  ClaimLinkKind,
  ClaimPatch,
  ClaimStatus,
  ClaimView,
  EntityEdit,
  EntityPatch,
  EntityView,
  HistoryEntry,
  MentionEdit,
  MentionStatus,
  MentionView,
  NewAlias,
  NewAnchor,
  NewClaim,
  NewEntity,
  NewRelation,
  NewSource,
  OneSidedMention,
  RelationEdit,
  RelationView,
  SourceEdit,
  SourcePatch,
  SourceView,
  Stance,
};

export function toIpcError(raw: unknown): IpcError {
  if (
    typeof raw === "object" &&
    raw !== null &&
    typeof (raw as IpcError).code === "string" &&
    typeof (raw as IpcError).message === "string"
  ) {
    return raw as IpcError;
  }
  return { code: "ipc", message: typeof raw === "string" ? raw : String(raw) };
}

/** Invokes an IPC command; errors normalised by `toIpcError`. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const start = now();
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toIpcError(raw);
  } finally {
    measureIpc(command, start);
  }
}

export const api = {
  projectInfo: () => call<ProjectInfo>("project_info"),
  listDocuments: () => call<DocumentSummary[]>("list_documents"),
  /** A document's texts (encodings, sentence counts), without their sentences. */
  getDocumentTexts: (id: number) => call<DocumentView>("get_document", { id, sentences: false }),
  /** The document's alignment, or null if it has not been aligned yet. */
  getAlignment: (documentId: number) =>
    call<AlignmentView | null>("get_alignment", { documentId }).then((view) => shareAlignment(view)),
  alignDocument: (documentId: number) =>
    call<AlignmentView>("align_document", { documentId }).then((view) => shareAlignment(view)),
  realign: (documentId: number) => call<AlignmentView>("realign", { documentId }).then((view) => shareAlignment(view)),
  // Every edit names the document and returns the beads it changed (see applyPatch).
  confirmBead: (documentId: number, beadId: number, confirmed: boolean) =>
    call<AlignmentPatch>("confirm_bead", { documentId, beadId, confirmed }),
  mergeBeads: (documentId: number, first: number, second: number) =>
    call<AlignmentPatch>("merge_beads", { documentId, first, second }),
  splitBead: (documentId: number, beadId: number, zhCount: number, enCount: number) =>
    call<AlignmentPatch>("split_bead", { documentId, beadId, zhCount, enCount }),
  moveSentence: (documentId: number, beadId: number, lang: Lang, direction: MoveDirection) =>
    call<AlignmentPatch>("move_sentence", { documentId, beadId, lang, direction }),
  /** Links a zh span to an en span of a bead by hand; offsets in code points into the texts. */
  addLink: (documentId: number, beadId: number, zh: { start: number; end: number }, en: { start: number; end: number }) =>
    call<AlignmentPatch>("add_link", {
      documentId,
      beadId,
      zhStart: zh.start,
      zhEnd: zh.end,
      enStart: en.start,
      enEnd: en.end,
    }),
  acceptLink: (documentId: number, linkId: number) => call<AlignmentPatch>("accept_link", { documentId, linkId }),
  removeLink: (documentId: number, linkId: number) => call<AlignmentPatch>("remove_link", { documentId, linkId }),
  /** Splits a sentence of a bead at `at`, a code-point offset into its text (the caret). */
  splitSentence: (documentId: number, beadId: number, sentenceId: number, at: number) =>
    call<AlignmentPatch>("split_sentence", { documentId, beadId, sentenceId, at }),
  /** Merges a sentence of a bead with the next sentence of its language in the bead. */
  mergeSentences: (documentId: number, beadId: number, sentenceId: number) =>
    call<AlignmentPatch>("merge_sentences", { documentId, beadId, sentenceId }),
  /** What was undone (the project's newest edit not yet undone), or null. */
  undo: () => call<HistoryStep | null>("undo"),
  /** What was redone, or null. */
  redo: () => call<HistoryStep | null>("redo"),

  // ---- Annotation (src-tauri/src/annotation_commands.rs) ----------------------------
  // Reads
  annotationSchema: () => call<AnnotationSchema>("annotation_schema"),
  listEntities: () => call<EntityView[]>("list_entities"),
  getEntity: (entityId: number) => call<EntityView>("get_entity", { entityId }),
  listMentions: (documentId: number) =>
    call<MentionView[]>("list_mentions", { documentId }).then((mentions) => shareMentions(mentions)),
  /** Accepted mentions with no accepted counterpart on the other side of their bead. */
  oneSidedMentions: (documentId: number) => call<OneSidedMention[]>("one_sided_mentions", { documentId }),
  listRelations: () => call<RelationView[]>("list_relations"),
  listClaims: () => call<ClaimView[]>("list_claims"),
  getClaim: (claimId: number) => call<ClaimView>("get_claim", { claimId }),
  listSources: () => call<SourceView[]>("list_sources"),
  /** The project's history, newest first, at most `limit` entries. */
  history: (limit = 200) => call<HistoryEntry[]>("history", { limit }),
  // Schema
  addEntityType: (name: string) => call<AnnotationSchema>("add_entity_type", { name }),
  addRelationType: (name: string) => call<AnnotationSchema>("add_relation_type", { name }),
  // Entities
  createEntity: (entity: NewEntity) => call<EntityEdit>("create_entity", { entity }),
  updateEntity: (entityId: number, patch: EntityPatch) => call<EntityEdit>("update_entity", { entityId, patch }),
  addAlias: (entityId: number, alias: NewAlias) => call<EntityEdit>("add_alias", { entityId, alias }),
  removeAlias: (entityId: number, aliasId: number) => call<EntityEdit>("remove_alias", { entityId, aliasId }),
  addExternalId: (entityId: number, scheme: string, value: string) =>
    call<EntityEdit>("add_external_id", { entityId, scheme, value }),
  removeExternalId: (entityId: number, externalIdId: number) =>
    call<EntityEdit>("remove_external_id", { entityId, externalIdId }),
  /** Merges `absorbId` into `keepId` (its mentions, aliases, relations and claims move). */
  mergeEntities: (keepId: number, absorbId: number) => call<EntityEdit>("merge_entities", { keepId, absorbId }),
  splitEntity: (entityId: number, entity: NewEntity, mentionIds: number[], aliasIds: number[]) =>
    call<EntityEdit>("split_entity", { entityId, entity, mentionIds, aliasIds }),
  deleteEntity: (entityId: number) => call<EntityEdit>("delete_entity", { entityId }),
  // Mentions (offsets in code points into the document's `lang` text)
  /**
   * A manual, accepted mention (arguments in the command's order); `quote`, if given, must
   * equal the text there.
   */
  addMention: (
    documentId: number,
    lang: Lang,
    start: number,
    end: number,
    quote: string | null | undefined,
    typeName: string,
    entityId?: number | null,
  ) =>
    call<MentionEdit>("add_mention", {
      documentId,
      lang,
      start,
      end,
      quote: quote ?? null,
      typeName,
      entityId: entityId ?? null,
    }),
  setMentionStatus: (documentId: number, mentionIds: number[], status: MentionStatus) =>
    call<MentionEdit>("set_mention_status", { documentId, mentionIds, status }),
  setMentionType: (documentId: number, mentionIds: number[], typeName: string) =>
    call<MentionEdit>("set_mention_type", { documentId, mentionIds, typeName }),
  /** Links mentions to an entity (accepting them), or unlinks them with null. */
  linkMentions: (documentId: number, mentionIds: number[], entityId: number | null) =>
    call<MentionEdit>("link_mentions", { documentId, mentionIds, entityId }),
  deleteMentions: (documentId: number, mentionIds: number[]) =>
    call<MentionEdit>("delete_mentions", { documentId, mentionIds }),
  /** Projects accepted mentions (all of them when `mentionIds` is left out) to the other side. */
  projectMentions: (documentId: number, mentionIds?: number[] | null) =>
    call<MentionEdit>("project_mentions", { documentId, mentionIds: mentionIds ?? null }),
  suggestMentions: (documentId: number) => call<MentionEdit>("suggest_mentions", { documentId }),
  // Relations
  addRelation: (relation: NewRelation) => call<RelationEdit>("add_relation", { relation }),
  deleteRelation: (relationId: number) => call<RelationEdit>("delete_relation", { relationId }),
  addRelationAnchor: (relationId: number, anchor: NewAnchor) =>
    call<RelationEdit>("add_relation_anchor", { relationId, anchor }),
  removeRelationAnchor: (relationId: number, anchorId: number) =>
    call<RelationEdit>("remove_relation_anchor", { relationId, anchorId }),
  // Claims
  createClaim: (claim: NewClaim) => call<ClaimEdit>("create_claim", { claim }),
  updateClaim: (claimId: number, patch: ClaimPatch) => call<ClaimEdit>("update_claim", { claimId, patch }),
  setClaimStatus: (claimId: number, status: ClaimStatus, rationale?: string | null) =>
    call<ClaimEdit>("set_claim_status", { claimId, status, rationale: rationale ?? null }),
  addClaimAnchor: (claimId: number, anchor: NewAnchor) => call<ClaimEdit>("add_claim_anchor", { claimId, anchor }),
  removeClaimAnchor: (claimId: number, anchorId: number) =>
    call<ClaimEdit>("remove_claim_anchor", { claimId, anchorId }),
  addClaimSubject: (claimId: number, entityId: number) => call<ClaimEdit>("add_claim_subject", { claimId, entityId }),
  removeClaimSubject: (claimId: number, entityId: number) =>
    call<ClaimEdit>("remove_claim_subject", { claimId, entityId }),
  linkClaims: (fromId: number, toId: number, kind: ClaimLinkKind, note?: string | null) =>
    call<ClaimEdit>("link_claims", { fromId, toId, kind, note: note ?? null }),
  unlinkClaims: (claimId: number, linkId: number) => call<ClaimEdit>("unlink_claims", { claimId, linkId }),
  deleteClaim: (claimId: number) => call<ClaimEdit>("delete_claim", { claimId }),
  // Sources and evidence
  addSource: (source: NewSource) => call<SourceEdit>("add_source", { source }),
  updateSource: (sourceId: number, patch: SourcePatch) => call<SourceEdit>("update_source", { sourceId, patch }),
  deleteSource: (sourceId: number) => call<SourceEdit>("delete_source", { sourceId }),
  linkEvidence: (claimId: number, sourceId: number, stance: Stance, note?: string | null) =>
    call<ClaimEdit>("link_evidence", { claimId, sourceId, stance, note: note ?? null }),
  unlinkEvidence: (claimId: number, evidenceId: number) => call<ClaimEdit>("unlink_evidence", { claimId, evidenceId }),
};

// ---- Word glosses (src-tauri/src/word_commands.rs) --------------------------------------
/**
 * The Chinese words of `text` (a sentence, at most 10,000 characters) with their pinyin and
 * CC-CEDICT definitions; offsets in code points into `text`.
 */
export const glossSentence = (text: string) =>
  call<import("./bindings/WordGloss").WordGloss[]>("gloss_sentence", { text });
