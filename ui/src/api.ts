/**
 * The typed boundary to the Rust side: one function per IPC command, with argument and
 * result types generated from the Rust DTOs (src/bindings, by ts-rs). Errors from Rust
 * arrive as `{code, message}`; anything else (a panic, a missing command) is normalised
 * to the same shape so the UI can always branch on `code` and show `message`.
 */
import { invoke } from "@tauri-apps/api/core";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DocumentView } from "./bindings/DocumentView";
import type { IpcError } from "./bindings/IpcError";
import type { ProjectInfo } from "./bindings/ProjectInfo";

export type { DocumentSummary, DocumentView, IpcError, ProjectInfo };

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
};
