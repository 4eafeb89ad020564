/**
 * Cooperative time-slicing for long loops on the main thread: `await slice()` inside the loop
 * yields to the event loop (setImmediate) once `budgetMs` has passed since the last yield, so
 * gateway heartbeats, interaction acknowledgements and timers get their turn between slices.
 */
export type Slicer = () => Promise<void>;

export function timeSlicer(budgetMs = 8): Slicer {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}
