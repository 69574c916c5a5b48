// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { DomPatcher } from "./domPatch";

type Draw = { tag: "span" | "mark"; attrs?: Record<string, string>; text?: string; children?: Draw[] };

function draw(root: Element, nodes: Draw[]): void {
  const patcher = new DomPatcher().start(root);
  const one = (node: Draw) => {
    patcher.open(node.tag);
    for (const [name, value] of Object.entries(node.attrs ?? {})) {
      patcher.set(name as Parameters<DomPatcher["set"]>[0], value);
    }
    if (node.text !== undefined) patcher.text(node.text);
    else for (const child of node.children ?? []) one(child);
    patcher.close();
  };
  nodes.forEach(one);
  patcher.finish();
}

const root = () => document.createElement("span");

describe("DomPatcher", () => {
  it("draws elements, attributes and text", () => {
    const el = root();
    draw(el, [
      { tag: "span", attrs: { class: "piece" }, text: "本人" },
      {
        tag: "span",
        attrs: { class: "link", "data-link": "7", title: "欧阳 ↔ Ouyang" },
        children: [{ tag: "span", attrs: { class: "mention", "data-mention": "3" }, text: "欧阳" }],
      },
    ]);
    expect(el.innerHTML).toBe(
      '<span class="piece">本人</span><span class="link" data-link="7" title="欧阳 ↔ Ouyang">' +
        '<span class="mention" data-mention="3">欧阳</span></span>',
    );
  });

  it("reuses the elements and text nodes at each place, and removes what is left over", () => {
    const el = root();
    draw(el, [
      { tag: "span", attrs: { class: "piece" }, text: "one" },
      { tag: "span", attrs: { class: "link", "data-link": "1" }, text: "two" },
      { tag: "span", text: "three" },
    ]);
    const [first, second] = Array.from(el.children);
    const firstText = first!.firstChild;
    draw(el, [
      { tag: "span", attrs: { class: "link", "data-link": "2" }, text: "uno" },
      { tag: "span", attrs: { class: "piece" }, text: "dos" },
    ]);
    expect(el.children).toHaveLength(2);
    expect(el.children[0]).toBe(first);
    expect(el.children[1]).toBe(second);
    expect(el.children[0]!.firstChild).toBe(firstText);
    // The attribute the second span no longer has is gone.
    expect(el.innerHTML).toBe('<span class="link" data-link="2">uno</span><span class="piece">dos</span>');
  });

  it("replaces an element whose tag changed and turns text into elements and back", () => {
    const el = root();
    draw(el, [{ tag: "span", attrs: { class: "piece" }, text: "a" }]);
    draw(el, [{ tag: "mark", attrs: { class: "search-hit" }, children: [{ tag: "span", text: "a" }] }]);
    expect(el.innerHTML).toBe('<mark class="search-hit"><span>a</span></mark>');
    draw(el, [{ tag: "mark", children: [{ tag: "span", children: [{ tag: "span", text: "b" }] }] }]);
    expect(el.innerHTML).toBe("<mark><span><span>b</span></span></mark>");
    draw(el, [{ tag: "mark", children: [{ tag: "span", text: "c" }] }]);
    expect(el.innerHTML).toBe("<mark><span>c</span></mark>");
    draw(el, []);
    expect(el.innerHTML).toBe("");
  });

  it("writes text as text: markup in a document stays characters", () => {
    const el = root();
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    draw(el, [{ tag: "span", attrs: { title: hostile }, text: hostile }]);
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector("script")).toBeNull();
    expect(el.textContent).toBe(hostile);
    expect(el.firstElementChild!.getAttribute("title")).toBe(hostile);
  });

  it("refuses to draw without a start or with elements left open", () => {
    expect(() => new DomPatcher().open("span")).toThrow(/start/);
    const patcher = new DomPatcher().start(root());
    patcher.open("span");
    expect(() => patcher.finish()).toThrow(/still open/);
  });
});
