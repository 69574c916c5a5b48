// @vitest-environment jsdom
import { act, createElement } from "react";
import { type Root, createRoot } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnchorView } from "./bindings/AnchorView";
import type { ClaimsPanelProps, ClaimsSelection } from "./ClaimsPanel";
import type { ClaimView } from "./bindings/ClaimView";
import type { EntityView } from "./bindings/EntityView";
import type { EvidenceView } from "./bindings/EvidenceView";
import type { SourceView } from "./bindings/SourceView";
import type { Stance } from "./bindings/Stance";
import {
  CLAIM_STATUSES,
  EMPTY_SOURCE_DRAFT,
  admiraltyLabel,
  anchorContext,
  anchorsByLang,
  balanceDescription,
  balanceText,
  checkCredibility,
  checkReliability,
  checkSourceDate,
  checkSourceDraft,
  checkSummary,
  claimMatches,
  entityName,
  entityNameById,
  evidenceBalance,
  evidenceByStance,
  filterClaims,
  NO_SELECTIONS,
  type SelectionPair,
  formatClaimTime,
  pairSelection,
  intervalPieces,
  formatInterval,
  formatTimestamp,
  linkVerb,
  nextSort,
  sortClaims,
  statusChangeText,
  statusChip,
  timeText,
  usableSelection,
} from "./claims";

// ---------------------------------------------------------------------------------------
// Fixtures

function anchor(id: number, lang: "zh" | "en", quote: string, start = 0, documentId = 1): AnchorView {
  return {
    id,
    documentId,
    lang,
    textId: lang === "zh" ? 1 : 2,
    start,
    end: start + [...quote].length,
    quote,
    prefix: "",
    suffix: "",
    orphaned: false,
  };
}

function source(id: number, title = `Source ${id}`, reliability = "B", credibility = 2): SourceView {
  return {
    id,
    title,
    kind: "document",
    citation: "",
    date: null,
    excerpt: "",
    documentId: null,
    reliability,
    credibility,
  };
}

let evidenceId = 100;
function evidence(stance: Stance, src = source(1)): EvidenceView {
  evidenceId += 1;
  return { id: evidenceId, source: src, stance, note: "" };
}

function claim(id: number, over: Partial<ClaimView> = {}): ClaimView {
  return {
    id,
    summary: `Claim number ${id}`,
    claimantId: null,
    subjectIds: [],
    time: null,
    status: "unverified",
    rationale: "",
    anchors: [],
    links: [],
    evidence: [],
    history: [{ at: "2024-05-01T09:30:00Z", actor: "analyst", from: null, to: "unverified", rationale: "" }],
    ...over,
  };
}

function entity(id: number, nameEn: string | null, nameZh: string | null, key: string | null = null): EntityView {
  return { id, key, typeName: "ORG", nameZh, nameEn, notes: "", aliases: [], externalIds: [], mentionCount: 0 };
}

const time = (label: string, earliest: string | null, latest: string | null) => ({ label, earliest, latest });

// ---------------------------------------------------------------------------------------
// Pure helpers

describe("status chips", () => {
  it("has a label, symbol, class and colour for every status", () => {
    expect(CLAIM_STATUSES).toEqual(["unverified", "supported", "contradicted", "disputed", "unverifiable"]);
    const labels = CLAIM_STATUSES.map((s) => statusChip(s).label);
    expect(labels).toEqual(["Unverified", "Supported", "Contradicted", "Disputed", "Unverifiable"]);
    for (const s of CLAIM_STATUSES) {
      expect(statusChip(s).className).toBe(`claim-chip claim-chip-${s}`);
      expect(statusChip(s).color).toBe(`var(--claim-${s})`);
      expect(statusChip(s).symbol).not.toBe("");
    }
  });

  it("describes status changes", () => {
    expect(statusChangeText({ from: null, to: "unverified" })).toBe("Created as Unverified");
    expect(statusChangeText({ from: "unverified", to: "disputed" })).toBe("Unverified → Disputed");
  });
});

describe("evidence balance", () => {
  it("counts supports minus contradicts, context apart", () => {
    const c = claim(1, {
      evidence: [evidence("supports"), evidence("supports"), evidence("contradicts"), evidence("context")],
    });
    expect(evidenceBalance(c)).toEqual({ supports: 2, contradicts: 1, context: 1, net: 1 });
    expect(balanceText(evidenceBalance(c))).toBe("+2 \u22121");
    expect(balanceDescription(evidenceBalance(c))).toBe("2 supporting, 1 contradicting, 1 context");
  });

  it("shows 0 without evidence for or against", () => {
    expect(balanceText(evidenceBalance(claim(1)))).toBe("0");
    expect(balanceText(evidenceBalance(claim(1, { evidence: [evidence("context")] })))).toBe("0");
    expect(balanceText(evidenceBalance(claim(1, { evidence: [evidence("contradicts")] })))).toBe("+0 \u22121");
  });

  it("groups evidence by stance in id order", () => {
    const a = evidence("supports");
    const b = evidence("contradicts");
    const c = evidence("supports");
    const groups = evidenceByStance(claim(1, { evidence: [c, b, a] }));
    expect(groups.supports.map((e) => e.id)).toEqual([a.id, c.id]);
    expect(groups.contradicts).toEqual([b]);
    expect(groups.context).toEqual([]);
  });
});

describe("Admiralty grade", () => {
  it("labels a grade", () => {
    expect(admiraltyLabel("B", 2)).toBe("B2 \u2014 usually reliable, probably true");
    expect(admiraltyLabel("A", 1)).toBe("A1 \u2014 completely reliable, confirmed by other sources");
    expect(admiraltyLabel("F", 6)).toBe("F6 \u2014 reliability cannot be judged, truth cannot be judged");
    expect(admiraltyLabel("G", 7)).toBe("G7 \u2014 unknown reliability, unknown credibility");
  });

  it("checks reliability A–F", () => {
    expect(checkReliability("b")).toEqual({ ok: true, value: "B" });
    expect(checkReliability(" F ")).toEqual({ ok: true, value: "F" });
    for (const bad of ["", "G", "AB", "1", "z"]) expect(checkReliability(bad).ok).toBe(false);
    const g = checkReliability("G");
    expect(!g.ok && g.message).toMatch(/A–F/);
  });

  it("checks credibility 1–6", () => {
    expect(checkCredibility("3")).toEqual({ ok: true, value: 3 });
    expect(checkCredibility(6)).toEqual({ ok: true, value: 6 });
    for (const bad of ["", "0", "7", "2.5", "x", "12", -1]) expect(checkCredibility(bad).ok).toBe(false);
  });

  it("checks source dates", () => {
    expect(checkSourceDate("")).toEqual({ ok: true, value: null });
    expect(checkSourceDate("2019")).toEqual({ ok: true, value: "2019" });
    expect(checkSourceDate("2019-10")).toEqual({ ok: true, value: "2019-10" });
    expect(checkSourceDate("2020-02-29")).toEqual({ ok: true, value: "2020-02-29" });
    for (const bad of ["2019-13", "2019-02-29", "2019-04-31", "19", "2019/10/01", "October 2019", "2019-1-1"]) {
      expect(checkSourceDate(bad).ok, bad).toBe(false);
    }
  });

  it("turns a source draft into the source to send", () => {
    const ok = checkSourceDraft({
      ...EMPTY_SOURCE_DRAFT,
      title: "  Registry extract ",
      kind: "record",
      reliability: "c",
      credibility: "3",
      date: "2018-04",
      citation: "",
      excerpt: " text ",
    });
    expect(ok).toEqual({
      ok: true,
      value: { title: "Registry extract", kind: "record", reliability: "C", credibility: 3, date: "2018-04", excerpt: "text" },
    });
    expect(checkSourceDraft({ ...EMPTY_SOURCE_DRAFT, reliability: "A", credibility: "1" }).ok).toBe(false);
    const badGrade = checkSourceDraft({ ...EMPTY_SOURCE_DRAFT, title: "T", reliability: "A", credibility: "9" });
    expect(!badGrade.ok && badGrade.message).toMatch(/1–6/);
    const badDate = checkSourceDraft({ ...EMPTY_SOURCE_DRAFT, title: "T", reliability: "A", credibility: "1", date: "x" });
    expect(badDate.ok).toBe(false);
  });

  it("checks a summary", () => {
    expect(checkSummary("  A line ")).toEqual({ ok: true, value: "A line" });
    expect(checkSummary("   ").ok).toBe(false);
    expect(checkSummary("two\nlines").ok).toBe(false);
    expect(checkSummary("x".repeat(1001)).ok).toBe(false);
  });
});

describe("fuzzy time", () => {
  it("formats label and interval", () => {
    expect(formatClaimTime(null)).toEqual({ label: "", interval: "" });
    expect(formatClaimTime(time("early October 2019", "2019-10-01", "2019-10-10"))).toEqual({
      label: "early October 2019",
      interval: "2019-10-01 \u2013 2019-10-10",
    });
    expect(formatInterval(null, "1996-12-31")).toBe("until 1996-12-31");
    expect(formatInterval("2018-01-01", null)).toBe("from 2018-01-01");
    expect(formatInterval("2019-10-03", "2019-10-03")).toBe("2019-10-03");
    expect(formatInterval(null, null)).toBe("");
  });

  it("joins them in one line", () => {
    expect(timeText(time("before 1997", null, "1996-12-31"))).toBe("before 1997 (until 1996-12-31)");
    expect(timeText(time("2019-10-03", "2019-10-03", "2019-10-03"))).toBe("2019-10-03");
    expect(timeText(time("someday", null, null))).toBe("someday");
    expect(timeText(null)).toBe("");
  });

  it("formats status-change moments in UTC", () => {
    expect(formatTimestamp("2024-05-01T09:30:12Z")).toBe("2024-05-01 09:30 UTC");
    expect(formatTimestamp("2024-05-01T11:30:12+02:00")).toBe("2024-05-01 09:30 UTC");
    expect(formatTimestamp("not a date")).toBe("not a date");
  });
});

describe("filtering", () => {
  const claims = [
    claim(1, { summary: "The institute signed the contract", status: "supported", anchors: [anchor(1, "zh", "签署了合同")] }),
    claim(2, { summary: "Delivery in early 2018", status: "disputed", anchors: [anchor(2, "en", "delivered", 0, 2)] }),
    claim(3, { summary: "Founded in 1997", status: "unverified" }),
  ];
  const none = new Set<never>();

  it("keeps everything without a filter", () => {
    expect(filterClaims(claims, { statuses: none, text: "  " }).map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it("filters by status set", () => {
    const ids = filterClaims(claims, { statuses: new Set(["supported", "unverified"] as const), text: "" });
    expect(ids.map((c) => c.id)).toEqual([1, 3]);
  });

  it("matches every word in the summary or a quote, case-insensitively", () => {
    const ids = (text: string) => filterClaims(claims, { statuses: none, text }).map((c) => c.id);
    expect(ids("INSTITUTE contract")).toEqual([1]);
    expect(ids("合同")).toEqual([1]);
    expect(ids("delivered")).toEqual([2]);
    expect(ids("institute 1997")).toEqual([]);
    expect(ids("#3")).toEqual([3]);
    // Full-width letters fold to ASCII (NFKC).
    expect(ids("ＦＯＵＮＤＥＤ")).toEqual([3]);
  });

  it("narrows to the claims anchored in a document", () => {
    expect(filterClaims(claims, { statuses: none, text: "", documentId: 2 }).map((c) => c.id)).toEqual([2]);
    expect(claimMatches(claims[2]!, { statuses: none, text: "", documentId: null })).toBe(true);
  });
});

describe("sorting", () => {
  const claims = [
    claim(1, { status: "disputed", time: time("2019", "2019-01-01", "2019-12-31"), evidence: [evidence("contradicts")] }),
    claim(2, { status: "unverified", time: null, evidence: [evidence("supports"), evidence("supports")] }),
    claim(3, { status: "supported", time: time("before 1997", null, "1996-12-31") }),
    claim(4, { status: "unverified", time: time("early 2018", "2018-01-01", "2018-04-30"), evidence: [evidence("supports")] }),
    claim(5, { status: "contradicted", time: time("2018", "2018-01-01", "2018-12-31") }),
  ];
  const ids = (key: "status" | "time" | "balance" | "id", direction: "asc" | "desc" = "asc") =>
    sortClaims(claims, { key, direction }).map((c) => c.id);

  it("sorts by status in the chip order, ties by id", () => {
    expect(ids("status")).toEqual([2, 4, 3, 5, 1]);
    expect(ids("status", "desc")).toEqual([1, 5, 3, 2, 4]);
  });

  it("sorts by the earliest day, undated last either way", () => {
    expect(ids("time")).toEqual([4, 5, 1, 2, 3]);
    expect(ids("time", "desc")).toEqual([1, 5, 4, 2, 3]);
  });

  it("sorts by evidence balance", () => {
    expect(ids("balance", "desc")).toEqual([2, 4, 3, 5, 1]);
    expect(ids("balance")).toEqual([1, 3, 5, 4, 2]);
  });

  it("sorts by id and leaves the input alone", () => {
    expect(ids("id", "desc")).toEqual([5, 4, 3, 2, 1]);
    expect(claims.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("flips the direction of the same column, defaults for another", () => {
    expect(nextSort({ key: "id", direction: "asc" }, "id")).toEqual({ key: "id", direction: "desc" });
    expect(nextSort({ key: "id", direction: "desc" }, "balance")).toEqual({ key: "balance", direction: "desc" });
    expect(nextSort({ key: "balance", direction: "desc" }, "time")).toEqual({ key: "time", direction: "asc" });
  });
});

describe("anchors, entities, links", () => {
  it("splits anchors by language in text order", () => {
    const c = claim(1, { anchors: [anchor(1, "en", "b", 30), anchor(2, "zh", "甲", 5), anchor(3, "en", "a", 2)] });
    const { zh, en } = anchorsByLang(c);
    expect(zh.map((a) => a.id)).toEqual([2]);
    expect(en.map((a) => a.id)).toEqual([3, 1]);
  });

  it("cuts the context around an anchor by code points", () => {
    const a = { prefix: "abc𠮷def", suffix: "xyz𠮷uvw" };
    expect(anchorContext(a, 4)).toEqual({ before: "…𠮷def", after: "xyz𠮷…" });
    expect(anchorContext({ prefix: "ab", suffix: "" }, 4)).toEqual({ before: "ab", after: "" });
  });

  it("reads an anchor's context as one line", () => {
    const a = { prefix: "第一段。\n\n  起任副处长，", suffix: "。\r\n\n（原件此处有涂改。）\nAt that time" };
    expect(anchorContext(a, 40)).toEqual({ before: "第一段。 起任副处长，", after: "。 （原件此处有涂改。） At that time" });
    expect(anchorContext({ prefix: "a b", suffix: "c\td" }, 40)).toEqual({ before: "a b", after: "c\td" });
  });

  it("keeps each day of an interval whole", () => {
    expect(intervalPieces("2018-10-01 \u2013 2018-10-10")).toEqual([
      { text: "2018-10-01", day: true },
      { text: " \u2013 ", day: false },
      { text: "2018-10-10", day: true },
    ]);
    expect(intervalPieces("from 2019-10")).toEqual([
      { text: "from ", day: false },
      { text: "2019-10", day: true },
    ]);
    expect(intervalPieces("")).toEqual([]);
  });

  it("names entities", () => {
    expect(entityName(entity(1, "SCOSMI", "特材委"))).toBe("SCOSMI (特材委)");
    expect(entityName(entity(2, null, "特材委"))).toBe("特材委");
    expect(entityName(entity(3, " ", null, "inst14"))).toBe("inst14");
    expect(entityName(entity(4, null, null))).toBe("Entity #4");
    const map = new Map([[1, entity(1, "A", null)]]);
    expect(entityNameById(map, 1)).toBe("A");
    expect(entityNameById(map, 9)).toBe("Entity #9");
  });

  it("phrases links from the listed claim's side", () => {
    expect(linkVerb({ kind: "supports", outgoing: true })).toBe("supports");
    expect(linkVerb({ kind: "supports", outgoing: false })).toBe("is supported by");
    expect(linkVerb({ kind: "contradicts", outgoing: false })).toBe("is contradicted by");
    expect(linkVerb({ kind: "same_as", outgoing: false })).toBe("is the same as");
  });

  it("pairs a Chinese and an English selection of one bead", () => {
    const zh = { documentId: 1, beadId: 5, lang: "zh", start: 2, end: 4, quote: "合同" };
    const en = { documentId: 1, beadId: 5, lang: "en", start: 10, end: 22, quote: "the contract" };
    let pair = pairSelection(NO_SELECTIONS, zh);
    expect(pair).toEqual({ zh, en: null });
    pair = pairSelection(pair, en);
    expect(pair).toEqual({ zh, en });
    // A newer selection of one language replaces only that one.
    const zh2 = { ...zh, start: 0, end: 2, quote: "签署" };
    expect(pairSelection(pair, zh2)).toEqual({ zh: zh2, en });
    // Another bead or document starts afresh; a dropped selection drops both.
    expect(pairSelection(pair, { ...zh2, beadId: 6 })).toEqual({ zh: { ...zh2, beadId: 6 }, en: null });
    expect(pairSelection(pair, { ...en, documentId: 2 })).toEqual({ zh: null, en: { ...en, documentId: 2 } });
    expect(pairSelection(pair, null)).toEqual({ zh: null, en: null });
  });

  it("accepts only a non-empty selection", () => {
    expect(usableSelection(null)).toBe(false);
    expect(usableSelection({ documentId: 1, start: 3, end: 3, quote: "" })).toBe(false);
    expect(usableSelection({ documentId: 1, start: 3, end: 5, quote: "  " })).toBe(false);
    expect(usableSelection({ documentId: 1, start: 3, end: 5, quote: "合同" })).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// The panel, rendered in jsdom against a mocked IPC

const mocks = vi.hoisted(() => ({
  listClaims: vi.fn(),
  listSources: vi.fn(),
  listEntities: vi.fn(),
  listDocuments: vi.fn(),
  createClaim: vi.fn(),
  setClaimStatus: vi.fn(),
  addSource: vi.fn(),
  linkEvidence: vi.fn(),
  addClaimAnchor: vi.fn(),
}));

vi.mock("./api", () => ({ api: mocks }));

const { ClaimsPanel } = await import("./ClaimsPanel");

describe("ClaimsPanel", () => {
  let container: HTMLDivElement;
  let root: Root;
  const panelClaims = [
    claim(1, {
      summary: "The institute signed <b>the</b> contract",
      status: "supported",
      time: time("early October 2019", "2019-10-01", "2019-10-10"),
      claimantId: 7,
      subjectIds: [8],
      anchors: [anchor(11, "zh", "签署了合同", 4), anchor(12, "en", "signed the contract", 10)],
      evidence: [evidence("supports", source(1, "Registry", "B", 2)), evidence("contradicts", source(2, "Press"))],
      rationale: "Registry confirms",
    }),
    claim(2, { summary: "Delivery happened", status: "disputed" }),
  ];

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    for (const m of Object.values(mocks)) m.mockReset();
    mocks.listClaims.mockResolvedValue(panelClaims);
    mocks.listSources.mockResolvedValue([source(1, "Registry"), source(2, "Press")]);
    mocks.listEntities.mockResolvedValue([entity(7, "Ministry", "部"), entity(8, "SCOSMI", "特材委")]);
    mocks.listDocuments.mockResolvedValue([{ id: 1, title: "Statement", kind: "statement", zhSentences: 1, enSentences: 1 }]);
    container = document.createElement("div");
    document.body.appendChild(container);
    root = createRoot(container);
    pair = NO_SELECTIONS;
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  // Paired as the window pairs them (App), across the renders of one test.
  let pair: SelectionPair<ClaimsSelection> = NO_SELECTIONS;
  const render = async (props: Omit<ClaimsPanelProps, "picked">) => {
    pair = pairSelection(pair, props.selection);
    await act(async () => root.render(createElement(ClaimsPanel, { ...props, picked: pair })));
  };
  const rows = () => Array.from(container.querySelectorAll("tbody tr"));
  const button = (text: string) =>
    Array.from(container.querySelectorAll("button")).find((b) => b.textContent?.includes(text)) as HTMLButtonElement;
  const input = (label: string) =>
    Array.from(container.querySelectorAll("label")).find((l) => l.textContent?.startsWith(label))!.querySelector(
      "input, select, textarea",
    ) as HTMLInputElement;
  const type = (element: HTMLInputElement | HTMLSelectElement, value: string) =>
    act(async () => {
      const proto = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(element, value);
      element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
    });

  it("lists claims with chips, time and balance, as text only", async () => {
    await render({ documentId: 1, selection: null });
    expect(rows()).toHaveLength(2);
    const first = rows()[0]!;
    expect(first.textContent).toContain("Supported");
    expect(first.textContent).toContain("early October 2019");
    expect(first.textContent).toContain("+1 \u22121");
    expect(first.querySelector("b")).toBeNull();
    expect(first.textContent).toContain("<b>the</b>");
    expect(container.textContent).toContain("2 claims");
  });

  it("filters by status and sorts by column", async () => {
    await render({ documentId: 1, selection: null });
    const disputed = Array.from(container.querySelectorAll(".claims-status-filter label")).find((l) =>
      l.textContent?.includes("Disputed"),
    )!;
    await act(async () => (disputed.querySelector("input") as HTMLInputElement).click());
    expect(rows().map((r) => r.getAttribute("data-claim-id"))).toEqual(["2"]);
    await act(async () => (disputed.querySelector("input") as HTMLInputElement).click());
    await act(async () => button("Number").click());
    expect(rows().map((r) => r.getAttribute("data-claim-id"))).toEqual(["2", "1"]);
  });

  it("opens a claim page, shows anchors and evidence, and closes on Escape", async () => {
    const onShowAnchor = vi.fn();
    await render({ documentId: 1, selection: null, onShowAnchor });
    await act(async () => button("The institute signed").click());
    const page = container.querySelector(".claims-page")!;
    expect(page).not.toBeNull();
    expect(document.activeElement?.classList.contains("claims-page-title")).toBe(true);
    expect(page.textContent).toContain("Ministry (部)");
    expect(page.textContent).toContain("SCOSMI (特材委)");
    expect(page.textContent).toContain("2019-10-01 \u2013 2019-10-10");
    expect(page.textContent).toContain("usually reliable, probably true");
    expect(page.textContent).toContain("Registry confirms");
    expect(page.textContent).toContain("Created as Unverified");
    await act(async () => button("签署了合同").click());
    expect(onShowAnchor).toHaveBeenCalledWith({ documentId: 1, lang: "zh", start: 4, end: 9 });
    await act(async () => {
      page.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(container.querySelector(".claims-page")).toBeNull();
    expect(document.activeElement?.textContent).toContain("The institute signed");
  });

  it("creates a claim from the selection and shows the time parser's message", async () => {
    const selection = { documentId: 1, lang: "zh" as const, start: 2, end: 4, quote: "合同" };
    await render({ documentId: 1, selection });
    mocks.createClaim.mockRejectedValueOnce({ code: "invalid_argument", message: "claim.time: cannot read “soonish”" });
    await type(input("Summary"), "A new claim");
    await type(input("Time"), "soonish");
    const form = container.querySelector(".claims-new form") as HTMLFormElement;
    await act(async () => form.requestSubmit());
    expect(mocks.createClaim).toHaveBeenCalledWith({
      summary: "A new claim",
      time: "soonish",
      anchors: [{ documentId: 1, lang: "zh", start: 2, end: 4, quote: "合同" }],
    });
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain("invalid_argument");
    expect(alert.textContent).toContain("cannot read “soonish”");

    const created = claim(3, { summary: "A new claim" });
    mocks.createClaim.mockResolvedValueOnce({ claim: created, claims: [...panelClaims, created] });
    await act(async () => form.requestSubmit());
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector(".claims-page")?.getAttribute("data-claim-id")).toBe("3");
  });

  it("anchors a new claim at the Chinese and the English selection of one bead, or one of them", async () => {
    const zh = { documentId: 1, beadId: 3, lang: "zh" as const, start: 2, end: 4, quote: "合同" };
    const en = { documentId: 1, beadId: 3, lang: "en" as const, start: 10, end: 22, quote: "the contract" };
    await render({ documentId: 1, selection: zh });
    await render({ documentId: 1, selection: en });
    const choices = Array.from(container.querySelectorAll(".claims-anchor-choice label"));
    expect(choices.map((c) => c.textContent)).toEqual(["Chinese: 合同", "English: the contract"]);
    await type(input("Summary"), "The contract was signed");
    const created = claim(3, { summary: "The contract was signed" });
    mocks.createClaim.mockResolvedValue({ claim: created, claims: [...panelClaims, created] });
    const form = container.querySelector(".claims-new form") as HTMLFormElement;
    await act(async () => form.requestSubmit());
    expect(mocks.createClaim).toHaveBeenLastCalledWith({
      summary: "The contract was signed",
      anchors: [
        { documentId: 1, lang: "zh", start: 2, end: 4, quote: "合同" },
        { documentId: 1, lang: "en", start: 10, end: 22, quote: "the contract" },
      ],
    });

    // Unticking a language leaves it out.
    await act(async () => button("← All claims").click());
    (container.querySelector(".claims-new") as HTMLDetailsElement).open = true;
    await type(input("Summary"), "Only in Chinese");
    await act(async () => (container.querySelector(".claims-anchor-choice label[data-lang='en'] input") as HTMLInputElement).click());
    await act(async () => (container.querySelector(".claims-new form") as HTMLFormElement).requestSubmit());
    expect(mocks.createClaim).toHaveBeenLastCalledWith({
      summary: "Only in Chinese",
      anchors: [{ documentId: 1, lang: "zh", start: 2, end: 4, quote: "合同" }],
    });
  });

  it("sets the status with a rationale when Enter is pressed in the form", async () => {
    await render({ documentId: 1, selection: null });
    await act(async () => button("Delivery happened").click());
    await type(input("Status") as unknown as HTMLSelectElement, "contradicted");
    const rationale = input("Rationale") as unknown as HTMLTextAreaElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(rationale, "Customs record");
      rationale.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const changed = claim(2, {
      summary: "Delivery happened",
      status: "contradicted",
      rationale: "Customs record",
      history: [
        ...claim(2).history,
        { at: "2024-05-02T10:00:00Z", actor: "analyst", from: "disputed", to: "contradicted", rationale: "Customs record" },
      ],
    });
    mocks.setClaimStatus.mockResolvedValueOnce({ claim: changed, claims: [panelClaims[0]!, changed] });
    // Shift+Enter is a new line, not a submission.
    await act(async () => {
      rationale.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true, bubbles: true }));
    });
    expect(mocks.setClaimStatus).not.toHaveBeenCalled();
    await act(async () => {
      rationale.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    });
    expect(mocks.setClaimStatus).toHaveBeenCalledWith(2, "contradicted", "Customs record");
    const history = container.querySelector('[aria-label="Status history"]')!;
    expect(history.textContent).toContain("Disputed → Contradicted");
    expect(container.querySelector('[role="status"]')?.textContent).toBe("Status set: Contradicted");
  });

  it("re-reads when refreshKey moves and reports its own edits through onChanged", async () => {
    const onChanged = vi.fn();
    const selection = { documentId: 1, lang: "en" as const, start: 0, end: 8, quote: "Delivery" };
    await render({ documentId: 1, selection, refreshKey: 0, onChanged });
    expect(mocks.listClaims).toHaveBeenCalledTimes(1);
    await render({ documentId: 1, selection, refreshKey: 1, onChanged });
    expect(mocks.listClaims).toHaveBeenCalledTimes(2);
    expect(onChanged).not.toHaveBeenCalled();

    await act(async () => button("Delivery happened").click());
    const anchored = claim(2, { summary: "Delivery happened", status: "disputed", anchors: [anchor(20, "en", "Delivery")] });
    mocks.addClaimAnchor.mockResolvedValueOnce({ claim: anchored, claims: [panelClaims[0]!, anchored] });
    await act(async () => button("Add anchor from the selection").click());
    expect(mocks.addClaimAnchor).toHaveBeenCalledWith(2, { documentId: 1, lang: "en", start: 0, end: 8, quote: "Delivery" });
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(container.querySelector(".claims-anchor-en")?.textContent).toContain("Delivery");
  });

  it("checks the Admiralty grade before adding a source", async () => {
    await render({ documentId: 1, selection: null });
    await act(async () => button("Delivery happened").click());
    await type(input("Source") as unknown as HTMLSelectElement, "new");
    await type(input("Title"), "Court record");
    await type(input("Reliability"), "G");
    await type(input("Credibility"), "2");
    const form = container.querySelector('form[aria-label="Add evidence"]') as HTMLFormElement;
    await act(async () => form.requestSubmit());
    expect(mocks.addSource).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/A–F/);

    await type(input("Reliability"), "a");
    const added = source(3, "Court record", "A", 2);
    mocks.addSource.mockResolvedValueOnce({ source: added, sources: [source(1), source(2), added] });
    const updated = claim(2, { summary: "Delivery happened", status: "disputed", evidence: [evidence("supports", added)] });
    mocks.linkEvidence.mockResolvedValueOnce({ claim: updated, claims: [panelClaims[0]!, updated] });
    await act(async () => form.requestSubmit());
    expect(mocks.addSource).toHaveBeenCalledWith({ title: "Court record", kind: "document", reliability: "A", credibility: 2 });
    expect(mocks.linkEvidence).toHaveBeenCalledWith(2, 3, "supports", "");
    expect(container.querySelector(".claims-page")?.textContent).toContain("completely reliable, probably true");
  });
});
