// The shared deadline timer: each attempt's deadline fires once, in order, and never after it was untracked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { track, untrack, type Deadline } from "../../src/transport/deadlines.js";

beforeEach(() => void vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
afterEach(() => void vi.useRealTimers());

function deadline(ms: number, fired: number[]): Deadline {
  return { deadline: performance.now() + ms, expire: () => void fired.push(ms) };
}

describe("deadlines", () => {
  it("fires each tracked deadline once, in order, re-arming for an earlier one", () => {
    const fired: number[] = [];
    track(deadline(500, fired));
    track(deadline(100, fired)); // earlier than the armed one: re-arms
    track(deadline(300, fired));
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([100]);
    vi.advanceTimersByTime(400);
    expect(fired).toEqual([100, 300, 500]);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([100, 300, 500]);
  });

  it("never fires a deadline untracked before it was due", () => {
    const fired: number[] = [];
    const early = deadline(100, fired);
    track(early);
    track(deadline(200, fired));
    untrack(early);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([200]);
    expect(vi.getTimerCount()).toBe(0); // nothing left armed
  });
});
