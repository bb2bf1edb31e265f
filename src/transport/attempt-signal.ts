import { track, untrack, type Deadline } from "./deadlines.js";

/**
 * One attempt's signal: aborted when the caller's signal is, or when its deadline passes. Cleared when the attempt
 * ends, so no deadline or listener outlives it (AbortSignal.timeout cannot be cleared, and AbortSignal.any is slow on
 * Node 20). It listens to the caller's signal as an event-listener object: no closure per attempt.
 */
export class AttemptSignal implements Deadline {
  readonly controller = new AbortController();
  readonly deadline: number;
  timedOut = false;

  constructor(
    readonly timeoutMs: number,
    readonly callerSignal: AbortSignal | undefined,
  ) {
    this.deadline = performance.now() + timeoutMs;
    track(this);
    if (callerSignal?.aborted) this.handleEvent();
    else callerSignal?.addEventListener("abort", this, { once: true });
  }

  expire(): void {
    this.timedOut = true;
    this.controller.abort(new Error(`timed out after ${this.timeoutMs} ms`));
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.controller.abort(this.callerSignal?.reason);
  }

  clear(): void {
    untrack(this);
    this.callerSignal?.removeEventListener("abort", this);
  }
}
