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
 *
 * The keyboard: one listener for the whole window maps a key press to an action through
 * the command table (./alignment COMMANDS) and hands it to `dispatch`, which does the
 * window's own actions (palette, shortcut sheet, theme, side tabs) and passes every other
 * one to the parallel view. The command palette (Ctrl+K) runs the same actions through the
 * same `dispatch`, and the shortcut sheet (?) lists the same table, so a key, its palette
 * command and its line in the sheet cannot drift apart. No key is taken while the user
 * types in a field (except Ctrl+F and Ctrl+K in the search bar) or while a dialog is open.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { api, type DocumentSummary, type IpcError, type MentionView, type ProjectInfo } from "./api";
import { type Action, COMMANDS, type SideTab, commandKeys, isWindowAction, keyAction } from "./alignment";
import { type AlignmentHandle, AlignmentPanel, type TextSelection } from "./AlignmentPanel";
import { ClaimsPanel } from "./ClaimsPanel";
import { NO_SELECTIONS, type SelectionPair, pairSelection } from "./claims";
import { CommandPalette, type PaletteCommand } from "./CommandPalette";
import { DocumentList } from "./DocumentList";
import { EntityPanel } from "./EntityPanel";
import { HistoryPanel } from "./HistoryPanel";
import { type Inspected, InspectorPanel } from "./InspectorPanel";
import { type ShortcutGroup, ShortcutSheet } from "./ShortcutSheet";
import "./theme.css";

type Theme = "light" | "dark";

const SIDE_TABS: { id: SideTab; label: string }[] = [
  { id: "entities", label: "Entities" },
  { id: "claims", label: "Claims" },
  { id: "history", label: "History" },
  { id: "selection", label: "Selection" },
];

const THEME_KEY = "duizhao.theme";

/** The shortcut sheet: every command of the table with its keys, in the table's groups. */
const SHORTCUT_GROUPS: ShortcutGroup[] = (() => {
  const groups: ShortcutGroup[] = [];
  for (const command of COMMANDS) {
    let group = groups.find((g) => g.title === command.group);
    if (!group) {
      group = { title: command.group, keys: [] };
      groups.push(group);
    }
    group.keys.push({ keys: commandKeys(command), action: command.label });
  }
  return groups;
})();

/** A key press the window leaves alone: typing in a field, or keys a focused control owns. */
function ignoredTarget(event: KeyboardEvent, action: Action): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (!target || target === document.body) return false;
  const tag = target.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) {
    // In the search bar, Ctrl+F selects the query again and Ctrl+K opens the palette.
    return !(target.closest(".search-bar") && (action.kind === "search" || action.kind === "palette"));
  }
  // Enter and Space on a focused button press that button.
  if (tag === "BUTTON" && (event.key === "Enter" || event.key === " ")) return true;
  // Tab walks names only from the bead list (or nothing focused); elsewhere it moves the
  // focus as usual.
  if (event.key === "Tab" && !target.closest(".beads")) return true;
  return false;
}

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
  // The open document's mentions, as the alignment editor holds them (the entity panel lists
  // them; reading them in two panes after every edit cost a long document's edits 0.5 s).
  const [documentMentions, setDocumentMentions] = useState<readonly MentionView[]>([]);
  // What the alignment editor has selected, for the inspector tab.
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  // The latest Chinese and English selections of one bead, which a new claim is anchored
  // at: paired here, whichever side tab is shown, so a translator can select both and then
  // open the claims.
  const [selectionPair, setSelectionPair] = useState<SelectionPair<TextSelection>>(NO_SELECTIONS);
  const reportSelection = useCallback((next: TextSelection | null) => {
    setSelection(next);
    setSelectionPair((pair) => pairSelection(pair, next));
  }, []);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const panelRef = useRef<AlignmentHandle>(null);

  /** Does an action of the command table: what its key and its palette command both call. */
  const dispatch = useCallback((action: Action) => {
    switch (action.kind) {
      case "palette":
        setSheetOpen(false);
        setPaletteOpen(true);
        return;
      case "shortcuts":
        setPaletteOpen(false);
        setSheetOpen(true);
        return;
      case "toggleTheme":
        setTheme((current) => (current === "dark" ? "light" : "dark"));
        return;
      case "sideTab":
        setSideTab(action.tab);
        return;
      default:
        panelRef.current?.perform(action);
    }
  }, []);

  // The window's one key listener.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // A dialog (the palette, the sheet, the entity picker) owns the keyboard while open.
      if (document.querySelector('[role="dialog"], [aria-modal="true"]')) return;
      const action = keyAction(event);
      if (!action || ignoredTarget(event, action)) return;
      event.preventDefault();
      dispatch(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dispatch]);

  // The palette's list, made when it opens (so its enabled states are those of that moment).
  const commands = useMemo((): PaletteCommand[] => {
    if (!paletteOpen) return [];
    const panel = panelRef.current;
    const enabled = (action: Action) => (isWindowAction(action) ? true : (panel?.available(action) ?? false));
    const list: PaletteCommand[] = [];
    for (const command of COMMANDS) {
      if (command.action.kind === "tagMention") {
        // One command per entity type, with its number key.
        for (const [i, type] of (panel?.entityTypes() ?? []).slice(0, 9).entries()) {
          const action: Action = { kind: "tagMention", key: String(i + 1) };
          list.push({
            id: `${command.id}-${i + 1}`,
            label: `Tag the selection as ${type}`,
            keys: String(i + 1),
            group: command.group,
            run: () => dispatch(action),
            disabled: !enabled(action),
          });
        }
        continue;
      }
      list.push({
        id: command.id,
        label: command.label,
        keys: commandKeys(command),
        group: command.group,
        run: () => dispatch(command.action),
        disabled: command.action.kind === "palette" || !enabled(command.action),
      });
    }
    return list;
  }, [paletteOpen, dispatch]);

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
          title="Switch the theme (Ctrl+Shift+L)"
          onClick={() => dispatch({ kind: "toggleTheme" })}
        >
          {theme === "dark" ? "Light" : "Dark"}
        </button>
        <button
          type="button"
          className="theme-toggle palette-open"
          style={{ marginLeft: "0.4rem" }}
          title="Every command of the window (Ctrl+K)"
          aria-keyshortcuts="Control+K"
          onClick={() => dispatch({ kind: "palette" })}
        >
          Commands
        </button>
        <button
          type="button"
          className="theme-toggle shortcuts-open"
          style={{ marginLeft: "0.4rem" }}
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="?"
          onClick={() => dispatch({ kind: "shortcuts" })}
        >
          ?
        </button>
      </header>
      <Group orientation="horizontal" className="workspace workspace-panes" id="workspace">
        <Panel id="documents" defaultSize="13%" minSize="8%">
          <DocumentList
            documents={documents ?? []}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onImported={(doc) => {
              setDocuments((docs) => [...(docs ?? []).filter((d) => d.id !== doc.id), doc]);
              setSelectedId(doc.id);
              edited();
            }}
          />
        </Panel>
        <Separator className="pane-separator" />
        {/* The parallel view is bound to the pane's height (a column of flex items that may
            shrink), so the bead list scrolls on its own and the toolbars and the search bar
            stay in view; otherwise the whole pane scrolled and they scrolled away. */}
        <Panel id="parallel" minSize="30%" style={{ display: "flex", flexDirection: "column" }}>
          <main className="content" style={{ minHeight: 0 }}>
            {error && (
              <div className="error" role="alert" data-code={error.code}>
                <span className="error-code">{error.code}</span> {error.message}
              </div>
            )}
            {selected ? (
              // Keyed by document: switching documents starts a fresh panel (selection,
              // status and pending results of the previous document are dropped).
              <AlignmentPanel
                ref={panelRef}
                key={selected.id}
                documentId={selected.id}
                title={selected.title}
                revision={revision}
                onEdited={edited}
                onSelection={reportSelection}
                onMentions={setDocumentMentions}
                onInspect={setInspected}
              />
            ) : (
              !error && (
                <p className="hint">
                  {documents === null
                    ? "Loading…"
                    : documents.length === 0
                      ? "This project has no documents yet. Import one with Import… above the document list."
                      : "Choose a document."}
                </p>
              )
            )}
          </main>
        </Panel>
        <Separator className="pane-separator" />
        <Panel id="side" defaultSize="27%" minSize="18%">
          <aside className="side" aria-label="Registry, claims and history">
            <div className="side-tabs" role="tablist">
              {SIDE_TABS.map((tab) => (
                <button
                  key={tab.id}
                  type="button"
                  role="tab"
                  aria-selected={sideTab === tab.id}
                  onClick={() => dispatch({ kind: "sideTab", tab: tab.id })}
                >
                  {tab.label}
                </button>
              ))}
            </div>
            <div className="side-body" role="tabpanel">
              {sideTab === "entities" && (
                <EntityPanel
                  documentId={selectedId}
                  mentions={documentMentions}
                  refreshKey={revision}
                  onChanged={edited}
                />
              )}
              {sideTab === "claims" && (
                <ClaimsPanel
                  documentId={selectedId}
                  selection={selection}
                  picked={selectionPair}
                  refreshKey={revision}
                  onChanged={edited}
                />
              )}
              {sideTab === "history" && <HistoryPanel refreshKey={revision} onChanged={edited} />}
              {sideTab === "selection" && <InspectorPanel inspected={inspected} refreshKey={revision} />}
            </div>
          </aside>
        </Panel>
      </Group>
      <CommandPalette open={paletteOpen} commands={commands} onClose={() => setPaletteOpen(false)} />
      <ShortcutSheet open={sheetOpen} groups={SHORTCUT_GROUPS} onClose={() => setSheetOpen(false)} />
    </div>
  );
}
