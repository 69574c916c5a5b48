/**
 * The import dialog's IPC: reading a chosen file (`inspect_source`), importing a pair
 * (`import_document`, whose progress comes back on a Tauri channel, which needs no
 * capability), and the native file picker of the dialog plugin (the capability grants its
 * `open` command and nothing else of it). Errors arrive as `{code, message}` like every
 * other command's (`call`).
 */
import { Channel } from "@tauri-apps/api/core";
import { open } from "@tauri-apps/plugin-dialog";
import { call, type DocumentSummary } from "./api";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportStage } from "./bindings/ImportStage";
import type { SourceFileInfo } from "./bindings/SourceFileInfo";
import type { ImportRequest } from "./importForm";

export type { ImportProgress, ImportStage, SourceFileInfo };

export const importApi = {
  /** Reads and decodes one file (with `encoding`, or detecting it when null); stores nothing. */
  inspectSource: (path: string, encoding: string | null) =>
    call<SourceFileInfo>("inspect_source", { path, encoding }),

  /** Imports both files as one document, aligned and with suggested mentions. */
  importDocument: (request: ImportRequest, onProgress: (progress: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<DocumentSummary>("import_document", { ...request, onProgress: channel });
  },

  /** The native "open file" dialog for one text file: its path, or null if cancelled. */
  chooseFile: async (title: string, defaultPath?: string): Promise<string | null> => {
    const chosen = await open({
      title,
      multiple: false,
      directory: false,
      defaultPath,
      filters: [
        { name: "Text files", extensions: ["txt", "text", "md", "csv", "tsv"] },
        { name: "All files", extensions: ["*"] },
      ],
    });
    return typeof chosen === "string" ? chosen : null;
  },
};
