/**
 * The import dialog's pure logic (unit-tested): cleaning a typed or pasted path, the
 * encoding choices, the preview's first lines, the progress stages, and turning the form
 * into `import_document`'s arguments or the reason it cannot be sent yet. Rust checks every
 * argument again; these checks only keep the Import button honest.
 */
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportStage } from "./bindings/ImportStage";
import type { SourceFileInfo } from "./bindings/SourceFileInfo";

export type ImportLang = "zh" | "en";

export const DOCUMENT_KINDS = ["statement", "notice", "evidence", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The longest title Rust accepts, in characters (code points). */
export const MAX_TITLE = 500;

/** The stages of an import in order, with what the window says while each runs. */
export const IMPORT_STAGES: { stage: ImportStage; label: string }[] = [
  { stage: "reading", label: "Reading the files" },
  { stage: "decoding", label: "Decoding" },
  { stage: "segmenting", label: "Splitting into sentences and words" },
  { stage: "storing", label: "Storing" },
  { stage: "aligning", label: "Aligning" },
  { stage: "suggesting", label: "Suggesting mentions" },
];

/**
 * A path as typed or pasted: surrounding white space and one pair of matching quotes
 * removed, and a `file://` URL (what a file manager's "copy" gives) turned into its path.
 */
export function cleanPath(raw: string): string {
  let path = raw.trim();
  const first = path[0];
  if (path.length >= 2 && (first === '"' || first === "'") && path.endsWith(first)) {
    path = path.slice(1, -1).trim();
  }
  if (/^file:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      if (url.host === "" || url.host === "localhost") {
        const decoded = decodeURIComponent(url.pathname);
        // file:///C:/x → C:/x on Windows.
        path = /^\/[A-Za-z]:\//.test(decoded) ? decoded.slice(1) : decoded;
      }
    } catch {
      // Not a valid URL: leave it for Rust to refuse with its message.
    }
  }
  return path;
}

/** Whether `path` is absolute (POSIX `/…`, Windows `C:\…` or `\\server\…`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

/** The label to choose an encoding by, from the name Rust reports (`GBK` → `gbk`). */
export function encodingLabel(name: string): string {
  return name.trim().toLowerCase();
}

export interface EncodingOption {
  /** `""` means "detect". */
  value: string;
  label: string;
}

/**
 * The encoding select's options: "Detect" first, then every encoding Rust allows. While a
 * detected encoding is shown, the first option says which one was detected.
 */
export function encodingOptions(encodings: readonly string[], detected: string | null): EncodingOption[] {
  return [
    { value: "", label: detected ? `Detect (${detected})` : "Detect" },
    ...encodings.map((e) => ({ value: e, label: e })),
  ];
}

/** What the window says about a file's encoding. */
export function encodingNote(info: SourceFileInfo): string {
  if (info.encodingForced) return "chosen";
  return info.encodingCertain ? "detected" : "detected (a guess: check the preview)";
}

/** The first `max` lines of a preview, and whether there is more to the file. */
export function previewLines(info: SourceFileInfo, max = 8): { lines: string[]; more: boolean } {
  const all = info.preview.split("\n");
  // A final newline makes an empty last piece that is not a line.
  if (all.length > 1 && all[all.length - 1] === "") all.pop();
  const lines = all.slice(0, max);
  return { lines, more: all.length > max || info.previewTruncated || info.lines > lines.length };
}

/** `1234` → `1.2 KB`, in the units people read file sizes in. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"];
  let value = bytes;
  let unit = "";
  for (const u of units) {
    value /= 1000;
    unit = u;
    if (value < 1000) break;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** A problem with the title, or null: at most `MAX_TITLE` characters, one line. */
export function titleProblem(title: string): string | null {
  const trimmed = title.trim();
  if ([...trimmed].length > MAX_TITLE) return `The title is longer than ${MAX_TITLE} characters.`;
  if (/[\r\n]/.test(trimmed)) return "The title must be one line.";
  return null;
}

/** What the form holds for one file. */
export interface SideForm {
  path: string;
  /** The encoding label chosen, `""` to detect. */
  encoding: string;
  /** The file as last inspected with this path and encoding, or null. */
  info: SourceFileInfo | null;
  /** Why the file cannot be imported, as inspecting it said. */
  problem: string | null;
}

export interface ImportRequest {
  zhPath: string;
  enPath: string;
  zhEncoding: string | null;
  enEncoding: string | null;
  title: string | null;
  kind: DocumentKind;
}

/**
 * `import_document`'s arguments from the form, or why the form cannot be sent yet (the
 * first reason, for the Import button's tooltip).
 */
export function importRequest(
  zh: SideForm,
  en: SideForm,
  title: string,
  kind: DocumentKind,
): { ok: true; request: ImportRequest } | { ok: false; reason: string } {
  for (const [side, name] of [
    [zh, "Chinese"],
    [en, "English"],
  ] as const) {
    const path = cleanPath(side.path);
    if (!path) return { ok: false, reason: `Choose the ${name} file.` };
    if (!isAbsolutePath(path)) return { ok: false, reason: `The ${name} file's path must be absolute.` };
    if (side.problem) return { ok: false, reason: `The ${name} file cannot be imported.` };
    if (!side.info) return { ok: false, reason: `Reading the ${name} file…` };
  }
  if (cleanPath(zh.path) === cleanPath(en.path)) {
    return { ok: false, reason: "The Chinese and the English file are the same file." };
  }
  const problem = titleProblem(title);
  if (problem) return { ok: false, reason: problem };
  return {
    ok: true,
    request: {
      zhPath: cleanPath(zh.path),
      enPath: cleanPath(en.path),
      zhEncoding: zh.encoding || null,
      enEncoding: en.encoding || null,
      title: title.trim() || null,
      kind,
    },
  };
}

export type StageState = "done" | "current" | "pending";

/** Each stage's state given the latest progress message (none yet: all pending). */
export function stageStates(progress: ImportProgress | null): { stage: ImportStage; label: string; state: StageState }[] {
  const at = progress ? IMPORT_STAGES.findIndex((s) => s.stage === progress.stage) : -1;
  return IMPORT_STAGES.map((s, i) => ({
    ...s,
    state: i < at ? "done" : i === at ? "current" : "pending",
  }));
}

/** One line for the progress: "Step 2 of 6: Decoding…". */
export function progressText(progress: ImportProgress | null): string {
  if (!progress) return "Starting…";
  const label = IMPORT_STAGES.find((s) => s.stage === progress.stage)?.label ?? progress.stage;
  return `Step ${progress.step} of ${progress.total}: ${label}…`;
}
