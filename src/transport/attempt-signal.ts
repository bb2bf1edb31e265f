/**
 * One attempt's signal: aborted when the caller's signal is, or when the attempt's timeout passes. Cleared when the
 * attempt ends, so no timer or listener outlives it (AbortSignal.timeout cannot be cleared).
 */
export class AttemptSignal {
  readonly controller = new AbortController();
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #onAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    readonly timeoutMs: number,
    readonly callerSignal: AbortSignal | undefined,
  ) {
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    if (callerSignal?.aborted) this.#onAbort();
    else callerSignal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.callerSignal?.removeEventListener("abort", this.#onAbort);
  }
}
