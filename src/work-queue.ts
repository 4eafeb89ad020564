/**
 * A serial work queue: runs one job at a time and yields to the event loop (setImmediate) before
 * each, so timers, sockets and acknowledgements keep flowing between synchronous jobs.
 */
export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private count = 0;

  /** Jobs accepted and not yet finished (the running one included). */
  get size(): number {
    return this.count;
  }

  /** Reserves a place (counted in `size`) before the job is known; `run` then fills it. */
  reserve(): { run<T>(job: () => T | Promise<T>): Promise<T>; cancel(): void } {
    this.count++;
    let used = false;
    const release = (): void => {
      if (used) return;
      used = true;
      this.count--;
    };
    return {
      run: <T>(job: () => T | Promise<T>): Promise<T> => {
        const result = this.tail.then(() => new Promise<void>((r) => setImmediate(r))).then(job);
        this.tail = result.then(release, release);
        return result;
      },
      cancel: release,
    };
  }
}
