/**
 * A serial work queue: runs one job at a time and yields to the event loop (setImmediate) before
 * each, so timers, sockets and acknowledgements keep flowing between synchronous jobs. It keeps a
 * running estimate of how long a job takes, so a caller can tell whether a new job will be reached
 * soon (answer directly) or only after a long wait (acknowledge first).
 */
/** After this long with nothing to do, the pace of past jobs is forgotten. */
export const IDLE_FORGET_MS = 1000;

export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private count = 0;
  private avgMs: number | undefined;
  /** When the queue last became empty (performance.now()). */
  private idleSince = 0;

  /** Jobs accepted and not yet finished (the running one included). */
  get size(): number {
    return this.count;
  }

  /**
   * How long a job takes: a moving average of the recent ones. 0 before the first, and again once
   * the queue has been idle for {@link IDLE_FORGET_MS}: a new burst may be of another kind (light
   * searches after heavy ones), and its first jobs set the pace again.
   */
  get jobMs(): number {
    this.forgetWhenIdle();
    return this.avgMs ?? 0;
  }

  private forgetWhenIdle(): void {
    if (this.count === 0 && performance.now() - this.idleSince > IDLE_FORGET_MS) this.avgMs = undefined;
  }

  /** When a job accepted now would be finished, in ms from now, by the recent pace (0 when idle). */
  expectedMs(): number {
    return (this.count + 1) * this.jobMs;
  }

  /** Reserves a place (counted in `size`) before the job is known; `run` then fills it. */
  reserve(): { run<T>(job: () => T | Promise<T>): Promise<T>; cancel(): void } {
    this.forgetWhenIdle();
    this.count++;
    let used = false;
    const release = (): void => {
      if (used) return;
      used = true;
      this.count--;
      if (this.count === 0) this.idleSince = performance.now();
    };
    return {
      run: <T>(job: () => T | Promise<T>): Promise<T> => {
        const result = this.tail
          .then(() => new Promise<void>((r) => setImmediate(r)))
          .then(async () => {
            const started = performance.now();
            try {
              return await job();
            } finally {
              const ms = performance.now() - started;
              // recent jobs count most: a burst of heavy searches is seen after two or three
              this.avgMs = this.avgMs === undefined ? ms : 0.7 * this.avgMs + 0.3 * ms;
            }
          });
        this.tail = result.then(release, release);
        return result;
      },
      cancel: release,
    };
  }
}
