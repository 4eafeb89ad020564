/** Memory readings of the current process from /proc (Linux), with a portable fallback. */
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Peak resident set size in MB since start or since the last {@link resetPeakRss}. */
export function peakRssMb(): number {
  return round1(statusField('VmHWM') ?? process.resourceUsage().maxRSS / 1024);
}

/** Current resident set size in MB. */
export function rssMb(): number {
  return round1(statusField('VmRSS') ?? process.memoryUsage().rss / 1048576);
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next phase's peak is its own.
 * Returns false where that is not possible (the next peak then includes earlier phases).
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** High-resolution wall-clock time in ms since the epoch, comparable across processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
