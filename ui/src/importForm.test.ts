import { describe, expect, it } from "vitest";
import type { SourceFileInfo } from "./bindings/SourceFileInfo";
import {
  IMPORT_STAGES,
  MAX_TITLE,
  type SideForm,
  cleanPath,
  encodingLabel,
  encodingNote,
  encodingOptions,
  formatBytes,
  importRequest,
  isAbsolutePath,
  previewLines,
  progressText,
  stageStates,
  titleProblem,
} from "./importForm";

const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030", "gbk", "big5", "windows-1252"];

function info(fields: Partial<SourceFileInfo> = {}): SourceFileInfo {
  return {
    path: "/data/notice.zh.txt",
    fileName: "notice.zh.txt",
    bytes: 42,
    detectedEncoding: "GBK",
    encodingForced: false,
    encodingCertain: false,
    preview: "通知\n\n我们明天走。\n",
    previewTruncated: false,
    lines: 3,
    encodings: ENCODINGS,
    ...fields,
  };
}

function side(path: string, fields: Partial<SideForm> = {}): SideForm {
  return { path, encoding: "", info: info({ path }), problem: null, ...fields };
}

describe("cleanPath", () => {
  it("trims white space and one pair of matching quotes", () => {
    expect(cleanPath("  /data/a.txt \n")).toBe("/data/a.txt");
    expect(cleanPath("'/data/my file.txt'")).toBe("/data/my file.txt");
    expect(cleanPath('"/data/a.txt"')).toBe("/data/a.txt");
    expect(cleanPath("'/data/a.txt\"")).toBe("'/data/a.txt\"");
  });

  it("turns a file URL into its path, decoding escapes", () => {
    expect(cleanPath("file:///home/li/%E9%80%9A%E7%9F%A5.txt")).toBe("/home/li/通知.txt");
    expect(cleanPath("file://localhost/tmp/a%20b.txt")).toBe("/tmp/a b.txt");
    expect(cleanPath("file:///C:/Users/li/a.txt")).toBe("C:/Users/li/a.txt");
    // Another host is not a local path: left for Rust to refuse.
    expect(cleanPath("file://server/share/a.txt")).toBe("file://server/share/a.txt");
  });
});

describe("isAbsolutePath", () => {
  it("knows POSIX and Windows absolute paths", () => {
    expect(isAbsolutePath("/tmp/a.txt")).toBe(true);
    expect(isAbsolutePath("C:\\data\\a.txt")).toBe(true);
    expect(isAbsolutePath("d:/data/a.txt")).toBe(true);
    expect(isAbsolutePath("\\\\server\\share\\a.txt")).toBe(true);
    expect(isAbsolutePath("a.txt")).toBe(false);
    expect(isAbsolutePath("./a.txt")).toBe(false);
    expect(isAbsolutePath("~/a.txt")).toBe(false);
    expect(isAbsolutePath("")).toBe(false);
  });
});

describe("encodings", () => {
  it("chooses by the lowercase label of the reported name", () => {
    expect(encodingLabel("GBK")).toBe("gbk");
    expect(encodingLabel("windows-1252")).toBe("windows-1252");
    expect(encodingLabel("UTF-16LE")).toBe("utf-16le");
    for (const name of ["UTF-8", "UTF-16BE", "gb18030", "Big5"]) {
      expect(ENCODINGS).toContain(encodingLabel(name));
    }
  });

  it("offers Detect first, naming what was detected, then every allowed encoding", () => {
    const options = encodingOptions(info().encodings, "GBK");
    expect(options[0]).toEqual({ value: "", label: "Detect (GBK)" });
    expect(options.slice(1).map((o) => o.value)).toEqual(ENCODINGS);
    expect(encodingOptions([], null)).toEqual([{ value: "", label: "Detect" }]);
  });

  it("says whether the encoding was chosen, certain or a guess", () => {
    expect(encodingNote(info())).toBe("detected (a guess: check the preview)");
    expect(encodingNote(info({ encodingCertain: true, detectedEncoding: "UTF-8" }))).toBe("detected");
    expect(encodingNote(info({ encodingForced: true, encodingCertain: true }))).toBe("chosen");
  });
});

describe("previewLines", () => {
  it("shows the first lines without the final newline's empty piece", () => {
    expect(previewLines(info())).toEqual({ lines: ["通知", "", "我们明天走。"], more: false });
  });

  it("says there is more when lines are cut or the preview is truncated", () => {
    const long = info({ preview: "a\nb\nc\nd\n", lines: 4 });
    expect(previewLines(long, 2)).toEqual({ lines: ["a", "b"], more: true });
    expect(previewLines(info({ preview: "abc", lines: 1, previewTruncated: true })).more).toBe(true);
    expect(previewLines(info({ preview: "a\nb", lines: 40 })).more).toBe(true);
  });
});

describe("formatBytes", () => {
  it("uses bytes, KB and MB", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(999)).toBe("999 bytes");
    expect(formatBytes(1234)).toBe("1.2 KB");
    expect(formatBytes(56_789)).toBe("57 KB");
    expect(formatBytes(3_400_000)).toBe("3.4 MB");
    expect(formatBytes(67_108_864)).toBe("67 MB");
  });
});

describe("titleProblem", () => {
  it("allows up to the limit in characters, on one line", () => {
    expect(titleProblem("")).toBeNull();
    expect(titleProblem("𠮷".repeat(MAX_TITLE))).toBeNull();
    expect(titleProblem("𠮷".repeat(MAX_TITLE + 1))).toMatch(/longer than 500/);
    expect(titleProblem("two\nlines")).toMatch(/one line/);
    expect(titleProblem("  padded \n")).toBeNull();
  });
});

describe("importRequest", () => {
  it("builds the arguments: clean paths, chosen encodings or null, title or null", () => {
    const zh = side(" '/data/notice.zh.txt' ", { encoding: "gbk" });
    const en = side("/data/notice.en.txt");
    expect(importRequest(zh, en, "  ", "notice")).toEqual({
      ok: true,
      request: {
        zhPath: "/data/notice.zh.txt",
        enPath: "/data/notice.en.txt",
        zhEncoding: "gbk",
        enEncoding: null,
        title: null,
        kind: "notice",
      },
    });
    const named = importRequest(zh, en, " Meeting notice ", "statement");
    expect(named.ok && named.request.title).toBe("Meeting notice");
  });

  it("gives the first reason the form cannot be sent", () => {
    const en = side("/data/en.txt");
    const reason = (zh: SideForm, e: SideForm = en, title = "") => {
      const result = importRequest(zh, e, title, "statement");
      return result.ok ? null : result.reason;
    };
    expect(reason(side(""))).toBe("Choose the Chinese file.");
    expect(reason(side("zh.txt"))).toMatch(/Chinese file's path must be absolute/);
    expect(reason(side("/data/zh.txt", { problem: "empty" }))).toMatch(/Chinese file cannot be imported/);
    expect(reason(side("/data/zh.txt", { info: null }))).toMatch(/Reading the Chinese file/);
    expect(reason(side("/data/zh.txt"), side(""))).toBe("Choose the English file.");
    expect(reason(side("/data/en.txt"))).toMatch(/same file/);
    expect(reason(side("/data/zh.txt"), en, "a\nb")).toMatch(/one line/);
  });
});

describe("progress", () => {
  it("lists the six stages in the order Rust reports them", () => {
    expect(IMPORT_STAGES.map((s) => s.stage)).toEqual([
      "reading",
      "decoding",
      "segmenting",
      "storing",
      "aligning",
      "suggesting",
    ]);
  });

  it("marks stages before the current one done and after it pending", () => {
    expect(stageStates(null).every((s) => s.state === "pending")).toBe(true);
    const states = stageStates({ stage: "storing", step: 4, total: 6 }).map((s) => s.state);
    expect(states).toEqual(["done", "done", "done", "current", "pending", "pending"]);
  });

  it("says which step runs", () => {
    expect(progressText(null)).toBe("Starting…");
    expect(progressText({ stage: "decoding", step: 2, total: 6 })).toBe("Step 2 of 6: Decoding…");
  });
});
