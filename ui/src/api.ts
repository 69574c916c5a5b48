/**
 * The typed boundary to the Rust side: one function per IPC command, with argument and
 * result types generated from the Rust DTOs (src/bindings, by ts-rs). Errors from Rust
 * arrive as `{code, message}`; anything else (a panic, a missing command) is normalised
 * to the same shape so the UI can always branch on `code` and show `message`.
 */
import { invoke } from "@tauri-apps/api/core";
import type { AlignmentView } from "./bindings/AlignmentView";
import type { BeadView } from "./bindings/BeadView";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DocumentView } from "./bindings/DocumentView";
import type { HistoryStep } from "./bindings/HistoryStep";
import type { IpcError } from "./bindings/IpcError";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { SpanLinkView } from "./bindings/SpanLinkView";
import type { Lang, MoveDirection } from "./alignment";

export type { AlignmentView, BeadView, DocumentSummary, DocumentView, HistoryStep, IpcError, ProjectInfo, SpanLinkView };

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toIpcError(raw);
  }
}

export const api = {
  projectInfo: () => call<ProjectInfo>("project_info"),
  listDocuments: () => call<DocumentSummary[]>("list_documents"),
  getDocument: (id: number) => call<DocumentView>("get_document", { id }),
  /** The document's alignment, or null if it has not been aligned yet. */
  getAlignment: (documentId: number) => call<AlignmentView | null>("get_alignment", { documentId }),
  alignDocument: (documentId: number) => call<AlignmentView>("align_document", { documentId }),
  realign: (documentId: number) => call<AlignmentView>("realign", { documentId }),
  // Every edit names the document and returns its alignment as it now is.
  confirmBead: (documentId: number, beadId: number, confirmed: boolean) =>
    call<AlignmentView>("confirm_bead", { documentId, beadId, confirmed }),
  mergeBeads: (documentId: number, first: number, second: number) =>
    call<AlignmentView>("merge_beads", { documentId, first, second }),
  splitBead: (documentId: number, beadId: number, zhCount: number, enCount: number) =>
    call<AlignmentView>("split_bead", { documentId, beadId, zhCount, enCount }),
  moveSentence: (documentId: number, beadId: number, lang: Lang, direction: MoveDirection) =>
    call<AlignmentView>("move_sentence", { documentId, beadId, lang, direction }),
  /** Links a zh span to an en span of a bead by hand; offsets in code points into the texts. */
  addLink: (documentId: number, beadId: number, zh: { start: number; end: number }, en: { start: number; end: number }) =>
    call<AlignmentView>("add_link", {
      documentId,
      beadId,
      zhStart: zh.start,
      zhEnd: zh.end,
      enStart: en.start,
      enEnd: en.end,
    }),
  acceptLink: (documentId: number, linkId: number) => call<AlignmentView>("accept_link", { documentId, linkId }),
  removeLink: (documentId: number, linkId: number) => call<AlignmentView>("remove_link", { documentId, linkId }),
  /** What was undone (the project's newest edit not yet undone), or null. */
  undo: () => call<HistoryStep | null>("undo"),
  /** What was redone, or null. */
  redo: () => call<HistoryStep | null>("redo"),
};
