/**
 * The main window: the project's documents on the left, the chosen document's Chinese and
 * English sentences side by side on the right. Document text is only ever rendered as React
 * text children, never as HTML, so markup inside a statement shows as characters.
 */
import { useEffect, useState } from "react";
import { api, type DocumentSummary, type DocumentView, type IpcError, type ProjectInfo } from "./api";
import { DocumentList } from "./DocumentList";
import { ParallelView } from "./ParallelView";

export function App() {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [loading, setLoading] = useState(false);

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

  useEffect(() => {
    if (selectedId === null) return;
    let stale = false;
    setLoading(true);
    api
      .getDocument(selectedId)
      .then((doc) => {
        if (!stale) {
          setDocument(doc);
          setError(null);
        }
      })
      .catch((e: IpcError) => {
        if (!stale) setError(e);
      })
      .finally(() => {
        if (!stale) setLoading(false);
      });
    return () => {
      stale = true;
    };
  }, [selectedId]);

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
        <DocumentList documents={documents} selectedId={selectedId} onSelect={setSelectedId} />
        <main className="content">
          {error && (
            <div className="error" role="alert" data-code={error.code}>
              {error.message}
            </div>
          )}
          {document ? (
            <ParallelView document={document} />
          ) : (
            !error && (
              <p className="hint">{loading ? "Loading…" : documents.length === 0 ? "This project has no documents yet. Import one with the duizhao CLI." : "Choose a document."}</p>
            )
          )}
        </main>
      </div>
    </div>
  );
}
