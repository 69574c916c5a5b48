// @vitest-environment jsdom
import { act, createElement } from "react";
import { type Root, createRoot } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CommandPalette, type PaletteCommand } from "./CommandPalette";
import {
  type Matchable,
  type PaletteItem,
  filterCommands,
  firstEnabled,
  fuzzyMatch,
  highlightParts,
  moveActive,
  splitKeys,
} from "./palette";
import { ShortcutSheet } from "./ShortcutSheet";

const commands: Matchable[] = [
  { label: "Merge with the next bead", group: "Alignment" },
  { label: "Split the bead", group: "Alignment" },
  { label: "Undo", group: "Edit" },
  { label: "Redo", group: "Edit", disabled: true },
  { label: "Find in the document", group: "Search" },
  { label: "Move the first zh sentence to the previous bead", group: "Alignment" },
  { label: "Use the dark theme", group: "View" },
];

const labels = (items: PaletteItem<Matchable>[]) => items.map((i) => i.command.label);

describe("fuzzyMatch", () => {
  it("matches a subsequence, ignoring case and the query's spaces", () => {
    expect(fuzzyMatch("mrg", "Merge with the next bead")?.positions).toEqual([0, 2, 3]);
    expect(fuzzyMatch("MNB", "Merge with the next bead")?.positions).toEqual([0, 15, 20]);
    expect(fuzzyMatch("next bead", "Merge with the next bead")).not.toBeNull();
    expect(fuzzyMatch("xyz", "Merge with the next bead")).toBeNull();
    expect(fuzzyMatch("beadbead", "Merge with the next bead")).toBeNull();
    expect(fuzzyMatch("", "anything")).toEqual({ score: 0, positions: [] });
  });

  it("prefers word starts and consecutive runs to scattered letters", () => {
    // "sb" as the initials of "Split Bead", not s…b inside words.
    expect(fuzzyMatch("sb", "Split the bead")?.positions).toEqual([0, 10]);
    // "the" as a whole word rather than t…h…e scattered.
    expect(fuzzyMatch("the", "Split the bead")?.positions).toEqual([6, 7, 8]);
    const word = fuzzyMatch("dark", "Use the dark theme")!.score;
    const scattered = fuzzyMatch("dark", "Dashboard: mark")?.score ?? Number.NEGATIVE_INFINITY;
    expect(word).toBeGreaterThan(scattered);
    // camelCase humps are word starts.
    expect(fuzzyMatch("ab", "alignBeads")?.positions).toEqual([0, 5]);
  });

  it("counts characters, not UTF-16 units, and folds width", () => {
    expect(fuzzyMatch("吷", "𠮷野家吷")?.positions).toEqual([3]);
    expect(fuzzyMatch("😀b", "a😀 bead")?.positions).toEqual([1, 3]);
    expect(fuzzyMatch("abc", "ＡＢＣ model")?.positions).toEqual([0, 1, 2]);
    expect(fuzzyMatch("对照", "打开对照视图")?.positions).toEqual([2, 3]);
  });

  it("ranks exact and prefix matches first", () => {
    const exact = fuzzyMatch("undo", "Undo")!.score;
    const prefix = fuzzyMatch("undo", "Undo all edits")!.score;
    const inner = fuzzyMatch("undo", "Show undo history")!.score;
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(inner);
  });
});

describe("filterCommands", () => {
  it("keeps everything, gathered by group, for an empty query", () => {
    expect(labels(filterCommands(commands, "  "))).toEqual([
      "Merge with the next bead",
      "Split the bead",
      "Move the first zh sentence to the previous bead",
      "Undo",
      "Redo",
      "Find in the document",
      "Use the dark theme",
    ]);
  });

  it("keeps the matches, best first", () => {
    expect(labels(filterCommands(commands, "bead"))[0]).toBe("Split the bead");
    expect(labels(filterCommands(commands, "bead"))).toHaveLength(3);
    // A word start ("document") beats letters inside a word ("Undo"); ties keep their order.
    expect(labels(filterCommands(commands, "do"))).toEqual(["Find in the document", "Undo", "Redo"]);
    expect(filterCommands(commands, "qqq")).toEqual([]);
  });

  it("matches on the group too, a little lower, highlighting only the label", () => {
    const items = filterCommands(commands, "view dark");
    expect(labels(items)).toEqual(["Use the dark theme"]);
    expect(highlightParts(items[0]!.command.label, items[0]!.positions).filter((p) => p.match).map((p) => p.text)).toEqual([
      "dark",
    ]);
    const byLabel = filterCommands(commands, "undo")[0]!.score;
    const byGroup = filterCommands([{ label: "Reverse", group: "Undo" }], "undo")[0]!.score;
    expect(byLabel).toBeGreaterThan(byGroup);
  });

  it("handles a long list quickly", () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ label: `Command number ${i} with a longish label`, group: `G${i % 9}` }));
    const t = performance.now();
    const found = filterCommands(many, "cmd 19 lbl");
    expect(found.length).toBeGreaterThan(0);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe("moving the active row", () => {
  const items = filterCommands(commands, "");
  // Undo is 3, Redo (disabled) 4, Find 5.
  it("skips disabled commands and wraps", () => {
    expect(firstEnabled(items)).toBe(0);
    expect(moveActive(items, 3, 1)).toBe(5);
    expect(moveActive(items, 5, -1)).toBe(3);
    expect(moveActive(items, 6, 1)).toBe(0);
    expect(moveActive(items, 0, -1)).toBe(6);
    expect(moveActive(items, -1, 1)).toBe(0);
    expect(moveActive(items, -1, -1)).toBe(6);
  });

  it("pages without wrapping", () => {
    expect(moveActive(items, 0, 8)).toBe(6);
    expect(moveActive(items, 6, -8)).toBe(0);
    expect(moveActive(items, 0, 4)).toBe(5);
    expect(moveActive(items, 6, -2)).toBe(3);
  });

  it("finds nothing when nothing is enabled", () => {
    const none = filterCommands([{ label: "a", group: "g", disabled: true }], "");
    expect(firstEnabled(none)).toBe(-1);
    expect(moveActive(none, 0, 1)).toBe(-1);
    expect(moveActive([], 0, 1)).toBe(-1);
  });
});

describe("helpers", () => {
  it("cuts a label into highlighted runs by code point", () => {
    expect(highlightParts("a𠮷bc", [1, 2])).toEqual([
      { text: "a", match: false },
      { text: "𠮷b", match: true },
      { text: "c", match: false },
    ]);
    expect(highlightParts("", [])).toEqual([]);
  });

  it("splits key alternatives, not chords", () => {
    expect(splitKeys("↑ / k")).toEqual(["↑", "k"]);
    expect(splitKeys("Ctrl+Shift+Z or Ctrl+Y")).toEqual(["Ctrl+Shift+Z", "Ctrl+Y"]);
    expect(splitKeys("/")).toEqual(["/"]);
    expect(splitKeys("Ctrl+/")).toEqual(["Ctrl+/"]);
  });
});

// ---------------------------------------------------------------------------------------
// The components, rendered in jsdom

describe("CommandPalette and ShortcutSheet", () => {
  let container: HTMLDivElement;
  let root: Root;
  let outside: HTMLButtonElement;

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    outside = document.createElement("button");
    outside.textContent = "outside";
    document.body.appendChild(outside);
    container = document.createElement("div");
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    outside.remove();
  });

  const key = (target: Element, key: string, init: KeyboardEventInit = {}) =>
    act(() => {
      target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
    });
  const type = (input: HTMLInputElement, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });

  function makeCommands() {
    const ran: string[] = [];
    const list: PaletteCommand[] = [
      { id: "merge", label: "Merge with the next bead", keys: "m", group: "Alignment", run: () => ran.push("merge") },
      { id: "split", label: "Split the bead", keys: "s", group: "Alignment", run: () => ran.push("split") },
      { id: "redo", label: "Redo", keys: "Ctrl+Shift+Z", group: "Edit", run: () => ran.push("redo"), disabled: true },
      { id: "undo", label: "Undo <b>all</b>", keys: "Ctrl+Z", group: "Edit", run: () => ran.push("undo") },
    ];
    return { ran, list };
  }

  it("filters, moves past disabled commands, runs with Enter and closes first", async () => {
    const { ran, list } = makeCommands();
    const onClose = vi.fn();
    outside.focus();
    await act(() => root.render(createElement(CommandPalette, { open: true, commands: list, onClose })));
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.getAttribute("aria-label")).toBe("Command palette");
    const input = container.querySelector("input")!;
    expect(document.activeElement).toBe(input);
    const options = () => Array.from(container.querySelectorAll('[role="option"]'));
    expect(options()).toHaveLength(4);
    const activeOption = () => container.querySelector('[role="option"][aria-selected="true"]')!;
    expect(activeOption().getAttribute("data-command")).toBe("merge");
    expect(input.getAttribute("aria-activedescendant")).toBe(activeOption().id);
    await key(input, "ArrowDown");
    expect(activeOption().getAttribute("data-command")).toBe("split");
    await key(input, "ArrowDown");
    expect(activeOption().getAttribute("data-command")).toBe("undo");
    await key(input, "ArrowUp");
    expect(activeOption().getAttribute("data-command")).toBe("split");
    // Markup in a label is text.
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("Undo <b>all</b>");

    await type(input, "spl");
    expect(options().map((o) => o.getAttribute("data-command"))).toEqual(["split"]);
    expect(container.querySelector("mark")!.textContent).toBe("Spl");
    await key(input, "Enter");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(ran).toEqual(["split"]);

    await type(input, "redo");
    await key(input, "Enter");
    expect(ran).toEqual(["split"]);
    await type(input, "zzzz");
    expect(container.textContent).toContain("No command matches");
  });

  it("closes on Escape, keeps keys from the window and traps the focus", async () => {
    const { list } = makeCommands();
    const onClose = vi.fn();
    const windowKeys = vi.fn();
    window.addEventListener("keydown", windowKeys);
    outside.focus();
    await act(() => root.render(createElement(CommandPalette, { open: true, commands: list, onClose })));
    const input = container.querySelector("input")!;
    await key(input, "m");
    await key(input, "Tab");
    expect(document.activeElement).toBe(input);
    await act(() => outside.focus());
    expect(document.activeElement).toBe(input);
    await key(input, "Escape");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(windowKeys).not.toHaveBeenCalled();
    window.removeEventListener("keydown", windowKeys);
    // Closed: nothing rendered, and the focus goes back.
    await act(() => root.render(createElement(CommandPalette, { open: false, commands: list, onClose })));
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(outside);
  });

  it("runs a command on click and starts afresh when reopened", async () => {
    const { ran, list } = makeCommands();
    const onClose = vi.fn();
    await act(() => root.render(createElement(CommandPalette, { open: true, commands: list, onClose })));
    await type(container.querySelector("input")!, "undo");
    await act(() => (container.querySelector('[data-command="undo"]') as HTMLElement).click());
    expect(ran).toEqual(["undo"]);
    await act(() => root.render(createElement(CommandPalette, { open: false, commands: list, onClose })));
    await act(() => root.render(createElement(CommandPalette, { open: true, commands: list, onClose })));
    expect(container.querySelector("input")!.value).toBe("");
  });

  it("lists every shortcut and closes on Escape or ?", async () => {
    const onClose = vi.fn();
    const groups = [
      { title: "Beads", keys: [{ keys: "↑ / k", action: "Previous bead" }, { keys: "m", action: "Merge <i>next</i>" }] },
      { title: "Edit", keys: [{ keys: "Ctrl+Z", action: "Undo" }] },
    ];
    outside.focus();
    await act(() => root.render(createElement(ShortcutSheet, { open: true, groups, onClose })));
    const dialog = container.querySelector('[role="dialog"]') as HTMLElement;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby")!)!.textContent).toBe("Keyboard shortcuts");
    expect(document.activeElement).toBe(dialog);
    expect(Array.from(container.querySelectorAll("dt kbd")).map((k) => k.textContent)).toEqual(["↑", "k", "m", "Ctrl+Z"]);
    expect(Array.from(container.querySelectorAll("dd")).map((d) => d.textContent)).toEqual([
      "Previous bead",
      "Merge <i>next</i>",
      "Undo",
    ]);
    await key(dialog, "Tab");
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Close the shortcuts");
    await key(dialog, "?");
    expect(onClose).toHaveBeenCalledTimes(1);
    await key(dialog, "Escape");
    expect(onClose).toHaveBeenCalledTimes(2);
    await act(() => root.render(createElement(ShortcutSheet, { open: false, groups, onClose })));
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(outside);
  });
});
