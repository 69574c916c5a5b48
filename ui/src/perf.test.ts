import { describe, expect, it } from "vitest";
import { ENTRY_LIMIT, MEASURE_IPC, measureIpc, now } from "./perf";

describe("performance entries", () => {
  it("keeps at most ENTRY_LIMIT IPC measures, clearing them when full", () => {
    const count = () => performance.getEntriesByName(MEASURE_IPC, "measure").length;
    for (let i = 0; i < ENTRY_LIMIT; i++) measureIpc("list_documents", now());
    expect(count()).toBe(ENTRY_LIMIT);
    // The next one clears the name first: a long session does not keep every call.
    measureIpc("confirm_bead", now());
    expect(count()).toBe(1);
    const [kept] = performance.getEntriesByName(MEASURE_IPC, "measure") as PerformanceMeasure[];
    expect(kept?.detail).toEqual({ command: "confirm_bead" });
  });
});
