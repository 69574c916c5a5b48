/**
 * The import dialog: a Chinese file and its English translation in, one aligned document
 * out. For each language a path field (typed, pasted or filled by "Choose file…", the
 * native picker) and, once the file is read (`inspect_source`, shortly after the path
 * stops changing), its size, lines, the encoding detected (with whether that was a guess)
 * and a select to choose another, which reads the file again with it so the preview shows
 * what would be stored. Title and kind below; Import runs `import_document` and shows its
 * stages as they come. Errors show their message; a refused import stores nothing, and the
 * dialog stays open to fix it. On success the caller gets the new document.
 *
 * File text is rendered as React text children only.
 */
import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { DocumentSummary, IpcError } from "./api";
import { trapTab, useDialogFocus } from "./CommandPalette";
import { type ImportProgress, importApi } from "./importApi";
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type ImportLang,
  MAX_TITLE,
  type SideForm,
  cleanPath,
  encodingNote,
  encodingOptions,
  formatBytes,
  importRequest,
  isAbsolutePath,
  previewLines,
  progressText,
  stageStates,
} from "./importForm";
import "./import.css";

/** How long a typed path must stay unchanged before the file is read. */
const INSPECT_DELAY_MS = 300;

const SIDES: { lang: ImportLang; name: string; picker: string }[] = [
  { lang: "zh", name: "Chinese", picker: "Choose the Chinese file" },
  { lang: "en", name: "English", picker: "Choose the English translation" },
];

interface SideState extends SideForm {
  /** The error of the last inspection, shown under the field. */
  error: IpcError | null;
  reading: boolean;
}

const EMPTY_SIDE: SideState = { path: "", encoding: "", info: null, problem: null, error: null, reading: false };

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  onImported: (document: DocumentSummary) => void;
}

export function ImportDialog({ open, onClose, onImported }: ImportDialogProps) {
  // In a portal on <body>, so no pane's layout or clipping reaches the modal.
  return open ? createPortal(<ImportForm onClose={onClose} onImported={onImported} />, document.body) : null;
}

function ImportForm({ onClose, onImported }: Omit<ImportDialogProps, "open">) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [sides, setSides] = useState<Record<ImportLang, SideState>>({ zh: EMPTY_SIDE, en: EMPTY_SIDE });
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<DocumentKind>("statement");
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  useDialogFocus(dialogRef);

  const update = (lang: ImportLang, change: Partial<SideState>) =>
    setSides((all) => ({ ...all, [lang]: { ...all[lang], ...change } }));

  const form = importRequest(sides.zh, sides.en, title, kind);

  const close = () => {
    if (!running) onClose();
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    // Keys typed here never reach the editor underneath.
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      trapTab(event, dialogRef.current);
    }
  };

  const runImport = () => {
    if (!form.ok || running) return;
    setRunning(true);
    setProgress(null);
    setError(null);
    importApi
      .importDocument(form.request, setProgress)
      .then((document) => {
        setRunning(false);
        onImported(document);
      })
      .catch((e: IpcError) => {
        setRunning(false);
        setProgress(null);
        setError(e);
      });
  };

  return (
    <div
      className="palette-backdrop import-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) close();
      }}
    >
      <div
        ref={dialogRef}
        className="palette-dialog import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-busy={running}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="import-head">
          <h2 id={titleId} className="import-title">
            Import a document
          </h2>
          <button type="button" className="import-close" aria-label="Close the import dialog" title="Close (Escape)" disabled={running} onClick={close}>
            ×
          </button>
        </div>
        <form
          className="import-body"
          onSubmit={(event) => {
            event.preventDefault();
            runImport();
          }}
        >
          <div className="import-files">
            {SIDES.map((s) => (
              <SourceField
                key={s.lang}
                lang={s.lang}
                name={s.name}
                picker={s.picker}
                state={sides[s.lang]}
                disabled={running}
                onChange={(change) => update(s.lang, change)}
              />
            ))}
          </div>
          <div className="import-meta">
            <label className="import-label">
              Title
              <input
                type="text"
                className="import-title-input"
                value={title}
                maxLength={MAX_TITLE * 2}
                placeholder="From the first lines of the texts"
                disabled={running}
                onChange={(event) => setTitle(event.target.value)}
              />
            </label>
            <label className="import-label">
              Kind
              <select
                className="import-kind"
                value={kind}
                disabled={running}
                onChange={(event) => setKind(event.target.value as DocumentKind)}
              >
                {DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {running && <ImportStages progress={progress} />}
          {error && (
            <div className="import-error" role="alert" data-code={error.code}>
              <span className="error-code">{error.code}</span> {error.message}
            </div>
          )}
          <div className="import-actions">
            {!form.ok && !running && <span className="import-hint">{form.reason}</span>}
            <button type="button" className="import-cancel" disabled={running} onClick={close}>
              Cancel
            </button>
            <button
              type="submit"
              className="import-submit"
              disabled={!form.ok || running}
              title={form.ok ? "Import both files as one document" : form.reason}
            >
              {running ? "Importing…" : "Import"}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

interface SourceFieldProps {
  lang: ImportLang;
  name: string;
  picker: string;
  state: SideState;
  disabled: boolean;
  onChange: (change: Partial<SideState>) => void;
}

/** One file: its path, the picker, and what reading it showed. */
function SourceField({ lang, name, picker, state, disabled, onChange }: SourceFieldProps) {
  const fieldId = useId();
  const { path, encoding, info, error, reading } = state;
  // The latest inspection wins: answers to older paths or encodings are dropped.
  const latest = useRef(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const clean = cleanPath(path);
    const ticket = ++latest.current;
    if (!clean) {
      onChangeRef.current({ info: null, problem: null, error: null, reading: false });
      return;
    }
    if (!isAbsolutePath(clean)) {
      onChangeRef.current({
        info: null,
        problem: "not absolute",
        error: { code: "invalid_argument", message: `${clean}: the path must be absolute (start with /)` },
        reading: false,
      });
      return;
    }
    onChangeRef.current({ info: null, problem: null, error: null, reading: true });
    const timer = window.setTimeout(() => {
      importApi
        .inspectSource(clean, encoding || null)
        .then((found) => {
          if (ticket === latest.current) onChangeRef.current({ info: found, problem: null, error: null, reading: false });
        })
        .catch((e: IpcError) => {
          if (ticket === latest.current) onChangeRef.current({ info: null, problem: e.message, error: e, reading: false });
        });
    }, INSPECT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [path, encoding]);

  const choose = () => {
    importApi
      .chooseFile(picker, cleanPath(path) || undefined)
      .then((chosen) => {
        if (chosen) onChange({ path: chosen });
      })
      .catch((e: IpcError) => onChange({ error: e }));
  };

  // The encodings Rust offers, kept from the last file read so the select stays usable
  // after a chosen encoding fails.
  const encodings = useRef<string[]>([]);
  if (info) encodings.current = info.encodings;
  const detected = info && !info.encodingForced ? info.detectedEncoding : null;
  const preview = info ? previewLines(info) : null;

  return (
    <fieldset className="import-file" data-lang={lang} disabled={disabled}>
      <legend>
        {name} <span className="import-lang">({lang})</span>
      </legend>
      <div className="import-path-row">
        <label className="visually-hidden" htmlFor={fieldId}>
          {name} file path
        </label>
        <input
          id={fieldId}
          type="text"
          className="import-path"
          data-lang={lang}
          value={path}
          spellCheck={false}
          autoComplete="off"
          placeholder={lang === "zh" ? "/path/to/statement.zh.txt" : "/path/to/statement.en.txt"}
          aria-invalid={error ? "true" : undefined}
          onChange={(event) => onChange({ path: event.target.value })}
        />
        <button type="button" className="import-choose" data-lang={lang} onClick={choose}>
          Choose file…
        </button>
      </div>
      {reading && <p className="import-reading">Reading…</p>}
      {error && (
        <div className="import-file-error" role="alert" data-lang={lang} data-code={error.code}>
          <span className="error-code">{error.code}</span> {error.message}
        </div>
      )}
      {info && (
        <div className="import-facts">
          <span className="import-file-name" title={info.path}>
            {info.fileName}
          </span>
          <span>{formatBytes(info.bytes)}</span>
          <span>
            {info.lines} {info.lines === 1 ? "line" : "lines"}
          </span>
        </div>
      )}
      {encodings.current.length > 0 && (info || encoding || error?.code === "bad_source") && (
        // Also shown when the file could not be read with the chosen encoding, so another
        // (or detection) can be chosen.
        <div className="import-encoding-row">
          {info && (
            <span className="import-encoding" data-lang={lang} data-certain={info.encodingCertain ? "true" : "false"}>
              <span className="import-encoding-name">{info.detectedEncoding}</span>{" "}
              <span className="import-encoding-note">{encodingNote(info)}</span>
            </span>
          )}
          <label className="import-label import-encoding-label">
            Encoding
            <select
              className="import-encoding-select"
              data-lang={lang}
              value={encoding}
              onChange={(event) => onChange({ encoding: event.target.value })}
            >
              {encodingOptions(encodings.current, detected).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {preview && (
        <pre className="import-preview" data-lang={lang} lang={lang === "zh" ? "zh-Hans" : "en"} aria-label={`${name} preview`}>
          {preview.lines.join("\n")}
          {preview.more ? "\n…" : ""}
        </pre>
      )}
    </fieldset>
  );
}

/** The import's stages: done, running, to come. */
function ImportStages({ progress }: { progress: ImportProgress | null }) {
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <progress max={progress?.total ?? 6} value={progress ? progress.step - 0.5 : undefined} />
      <p className="import-progress-text">{progressText(progress)}</p>
      <ol className="import-stages">
        {stageStates(progress).map((s) => (
          <li key={s.stage} className={`import-stage import-stage-${s.state}`} data-stage={s.stage} data-state={s.state}>
            {s.label}
          </li>
        ))}
      </ol>
    </div>
  );
}
