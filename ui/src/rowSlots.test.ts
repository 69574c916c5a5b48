import { describe, expect, it } from "vitest";
import { assignSlots, steadyRange } from "./rowSlots";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("assignSlots", () => {
  it("numbers the first rows from 0", () => {
    expect([...assignSlots(new Map(), [4, 5, 6])]).toEqual([
      [4, 0],
      [5, 1],
      [6, 2],
    ]);
  });

  it("keeps the slots of rows still rendered and gives the freed ones to the new rows", () => {
    const first = assignSlots(new Map(), range(0, 5));
    // Scrolled by two rows: 0 and 1 leave, 5 and 6 come in and take their slots.
    const second = assignSlots(first, range(2, 7));
    for (const index of range(2, 5)) expect(second.get(index)).toBe(first.get(index));
    expect(second.get(5)).toBe(first.get(0));
    expect(second.get(6)).toBe(first.get(1));
  });

  it("reuses every slot after a jump far away, making none", () => {
    const before = assignSlots(new Map(), range(100, 130));
    const after = assignSlots(before, range(5000, 5030));
    expect(new Set(after.values())).toEqual(new Set(before.values()));
  });

  it("stays unique as the number of rows grows and shrinks", () => {
    let slots = new Map<number, number>();
    const windows = [range(0, 10), range(3, 20), range(40, 45), range(41, 60), range(100, 103), range(99, 130)];
    for (const indices of windows) {
      slots = assignSlots(slots, indices);
      expect([...slots.keys()].sort((a, b) => a - b)).toEqual(indices);
      expect(new Set(slots.values()).size).toBe(indices.length);
    }
    // Never more slots than the most rows rendered at once (31).
    expect(Math.max(...slots.values())).toBeLessThan(31);
  });
});

describe("steadyRange", () => {
  it("widens the rows in view to the pool, below first, then above at the end of the document", () => {
    expect(steadyRange(10, 19, 100, 16)).toEqual({ first: 10, last: 25 });
    expect(steadyRange(90, 97, 100, 16)).toEqual({ first: 84, last: 99 });
    expect(steadyRange(0, 3, 5, 16)).toEqual({ first: 0, last: 4 });
  });

  it("leaves a range as wide as the pool or wider alone", () => {
    expect(steadyRange(10, 29, 100, 16)).toEqual({ first: 10, last: 29 });
    expect(steadyRange(10, 25, 100, 16)).toEqual({ first: 10, last: 25 });
  });
});
