/**
 * The sidebar listing the project's documents with their sentence counts per language, and
 * the Import button that opens the import dialog. The list itself belongs to the caller:
 * a document imported here is handed to `onImported`, which adds it to the list and
 * selects it.
 */
import { useState } from "react";
import type { DocumentSummary } from "./api";
import { ImportDialog } from "./ImportDialog";
import "./import.css";

interface Props {
  documents: DocumentSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** A document the import dialog just imported (aligned, with suggested mentions). */
  onImported?: (document: DocumentSummary) => void;
}

export function DocumentList({ documents, selectedId, onSelect, onImported }: Props) {
  const [importing, setImporting] = useState(false);
  return (
    <nav className="doc-list" aria-label="Documents">
      <div className="doc-list-head">
        <h2>Documents</h2>
        <button
          type="button"
          className="doc-import"
          aria-haspopup="dialog"
          title="Import a Chinese file and its English translation"
          onClick={() => setImporting(true)}
        >
          Import…
        </button>
      </div>
      <ul>
        {documents.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className={doc.id === selectedId ? "doc selected" : "doc"}
              aria-current={doc.id === selectedId ? "true" : undefined}
              data-document-id={doc.id}
              onClick={() => onSelect(doc.id)}
            >
              <span className="doc-title">{doc.title}</span>
              <span className="doc-meta">
                {doc.kind} · zh {doc.zhSentences} · en {doc.enSentences}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(document) => {
          setImporting(false);
          onImported?.(document);
        }}
      />
    </nav>
  );
}
