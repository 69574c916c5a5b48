/** The sidebar listing the project's documents with their sentence counts per language. */
import type { DocumentSummary } from "./api";

interface Props {
  documents: DocumentSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export function DocumentList({ documents, selectedId, onSelect }: Props) {
  return (
    <nav className="doc-list" aria-label="Documents">
      <h2>Documents</h2>
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
    </nav>
  );
}
