/**
 * The main window: the project's documents on the left, the chosen document's alignment on
 * the right as bead rows (Chinese | English) that a translator checks and fixes from the
 * keyboard. Document text is only ever rendered as React text children, never as HTML, so
 * markup inside a statement shows as characters.
 */
import { useEffect, useState } from "react";
import { api, type DocumentSummary, type IpcError, type ProjectInfo } from "./api";
import { AlignmentPanel } from "./AlignmentPanel";
import { DocumentList } from "./DocumentList";

export function App() {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    Promise.all([api.projectInfo(), api.listDocuments()])
      .then(([info, docs]) => {
        setProject(info);
        setDocuments(docs);
        const first = docs[0];
        if (first) setSelectedId(first.id);
      })
      .catch((e: IpcError) => setError(e));
  }, []);

  const selected = documents?.find((doc) => doc.id === selectedId) ?? null;

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">
          Duizhao <span lang="zh-Hans">对照</span>
        </span>
        {project && (
          <span className="project-path" title={project.path}>
            {project.path}
          </span>
        )}
      </header>
      <div className="workspace">
        <DocumentList documents={documents ?? []} selectedId={selectedId} onSelect={setSelectedId} />
        <main className="content">
          {error && (
            <div className="error" role="alert" data-code={error.code}>
              <span className="error-code">{error.code}</span> {error.message}
            </div>
          )}
          {selected ? (
            // Keyed by document: switching documents starts a fresh panel (selection,
            // status and pending results of the previous document are dropped).
            <AlignmentPanel key={selected.id} documentId={selected.id} title={selected.title} />
          ) : (
            !error && (
              <p className="hint">
                {documents === null
                  ? "Loading…"
                  : documents.length === 0
                    ? "This project has no documents yet. Import one with the duizhao CLI."
                    : "Choose a document."}
              </p>
            )
          )}
        </main>
      </div>
    </div>
  );
}
