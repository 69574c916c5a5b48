/**
 * The main window: three resizable panes. The project's documents on the left; the chosen
 * document's parallel view in the middle, bead rows (Chinese | English) that a translator
 * checks and fixes and an analyst tags from the keyboard; and a side panel with the entity
 * registry, the claims and their evidence, and the project's history. Document text is only
 * ever rendered as React text children, never as HTML, so markup inside a statement shows as
 * characters.
 *
 * The panes talk through this component only: a text selection in the parallel view is
 * offered to the claims panel (a claim or an anchor is made from it), and every edit made
 * anywhere bumps `revision`, which the other panes watch to re-read what they show.
 */
import { useCallback, useEffect, useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { api, type DocumentSummary, type IpcError, type ProjectInfo } from "./api";
import { AlignmentPanel, type TextSelection } from "./AlignmentPanel";
import { ClaimsPanel } from "./ClaimsPanel";
import { DocumentList } from "./DocumentList";
import { EntityPanel } from "./EntityPanel";
import { HistoryPanel } from "./HistoryPanel";
import "./theme.css";

type SideTab = "entities" | "claims" | "history";
type Theme = "light" | "dark";

const SIDE_TABS: { id: SideTab; label: string }[] = [
  { id: "entities", label: "Entities" },
  { id: "claims", label: "Claims" },
  { id: "history", label: "History" },
];

const THEME_KEY = "duizhao.theme";

function initialTheme(): Theme {
  const saved = window.localStorage.getItem(THEME_KEY);
  if (saved === "light" || saved === "dark") return saved;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function App() {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [sideTab, setSideTab] = useState<SideTab>("entities");
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [revision, setRevision] = useState(0);
  const [selection, setSelection] = useState<TextSelection | null>(null);

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
    document.documentElement.dataset.theme = theme;
    window.localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  const edited = useCallback(() => setRevision((r) => r + 1), []);
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
        <button
          type="button"
          className="theme-toggle"
          aria-label={theme === "dark" ? "Use the light theme" : "Use the dark theme"}
          onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
        >
          {theme === "dark" ? "Light" : "Dark"}
        </button>
      </header>
      <Group orientation="horizontal" className="workspace workspace-panes" id="workspace">
        <Panel id="documents" defaultSize="15%" minSize="8%">
          <DocumentList documents={documents ?? []} selectedId={selectedId} onSelect={setSelectedId} />
        </Panel>
        <Separator className="pane-separator" />
        <Panel id="parallel" minSize="30%">
          <main className="content">
            {error && (
              <div className="error" role="alert" data-code={error.code}>
                <span className="error-code">{error.code}</span> {error.message}
              </div>
            )}
            {selected ? (
              // Keyed by document: switching documents starts a fresh panel (selection,
              // status and pending results of the previous document are dropped).
              <AlignmentPanel
                key={selected.id}
                documentId={selected.id}
                title={selected.title}
                revision={revision}
                onEdited={edited}
                onSelection={setSelection}
              />
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
        </Panel>
        <Separator className="pane-separator" />
        <Panel id="side" defaultSize="30%" minSize="18%">
          <aside className="side" aria-label="Registry, claims and history">
            <div className="side-tabs" role="tablist">
              {SIDE_TABS.map((tab) => (
                <button
                  key={tab.id}
                  type="button"
                  role="tab"
                  aria-selected={sideTab === tab.id}
                  onClick={() => setSideTab(tab.id)}
                >
                  {tab.label}
                </button>
              ))}
            </div>
            <div className="side-body" role="tabpanel">
              {sideTab === "entities" && (
                <EntityPanel documentId={selectedId} refreshKey={revision} onChanged={edited} />
              )}
              {sideTab === "claims" && (
                <ClaimsPanel
                  documentId={selectedId}
                  selection={selection}
                  refreshKey={revision}
                  onChanged={edited}
                />
              )}
              {sideTab === "history" && <HistoryPanel refreshKey={revision} onChanged={edited} />}
            </div>
          </aside>
        </Panel>
      </Group>
    </div>
  );
}
