/**
 * What a host watches while the bot runs for months: whether the library is ready, its size and
 * last update, interactions by outcome, answer times (p50/p99 over the recent answers), gateway
 * events dropped as malformed. Rendered in the Prometheus text exposition format (0.0.4). Plain
 * data, no I/O: src/health/server.ts serves it.
 */

export type LibraryStatus = 'loading' | 'warming' | 'ready' | 'failed';

/** Recent answer times kept for the quantiles (a ring buffer: memory stays flat for months). */
const WINDOW = 2048;

export interface InteractionRecord {
  kind: string;
  command?: string;
  outcome: string;
  ms: number;
}

/** Quantile `q` (0..1) of `sorted` (ascending), nearest rank; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Escapes a label value as the text format requires. */
function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  const entries = Object.entries(pairs);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${label(v)}"`).join(',')}}` : '';
}

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

export class Metrics {
  status: LibraryStatus = 'loading';
  documents = 0;
  passages = 0;
  /** When the index last changed (opened, live update, /reindex); ms since the epoch. */
  lastUpdate: number | undefined;
  libraryUpdates = 0;
  gatewayConnected = false;
  droppedEvents = 0;
  private readonly interactions = new Map<string, { kind: string; command: string; outcome: string; count: number }>();
  private readonly times: number[] = [];
  private next = 0;
  private answered = 0;
  private answeredMsSum = 0;
  readonly startedAt: number;

  constructor(now: number = Date.now()) {
    this.startedAt = now;
  }

  /** Counts one handled interaction (autocomplete included) and, for answers, its time. */
  recordInteraction(r: InteractionRecord): void {
    const command = r.command ?? '';
    const key = `${r.kind}\u0000${command}\u0000${r.outcome}`;
    const entry = this.interactions.get(key);
    if (entry) entry.count++;
    else this.interactions.set(key, { kind: r.kind, command, outcome: r.outcome, count: 1 });
    if (this.times.length < WINDOW) this.times.push(r.ms);
    else this.times[this.next] = r.ms;
    this.next = (this.next + 1) % WINDOW;
    this.answered++;
    this.answeredMsSum += r.ms;
  }

  libraryChanged(size: { documents: number; passages: number }, at: number = Date.now()): void {
    this.documents = size.documents;
    this.passages = size.passages;
    this.lastUpdate = at;
    this.libraryUpdates++;
  }

  /** p50 and p99 of the recent answer times, in ms (NaN before the first). */
  answerTimes(): { p50: number; p99: number; count: number } {
    const sorted = [...this.times].sort((a, b) => a - b);
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: this.answered };
  }

  /** The Prometheus text format. */
  render(now: number = Date.now()): string {
    const out: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter' | 'summary', help: string, samples: [Record<string, string>, number][]): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [l, v] of samples) out.push(`${name}${labels(l)} ${num(v)}`);
    };
    metric('verbatim_ready', 'gauge', 'Whether the bot answers searches (1) or is still loading or failed (0).', [
      [{}, this.status === 'ready' ? 1 : 0],
    ]);
    metric(
      'verbatim_library_status',
      'gauge',
      'The library state: 1 for the current one.',
      (['loading', 'warming', 'ready', 'failed'] as const).map((s) => [{ status: s }, this.status === s ? 1 : 0]),
    );
    metric('verbatim_library_documents', 'gauge', 'Documents in the index.', [[{}, this.documents]]);
    metric('verbatim_library_passages', 'gauge', 'Passages in the index.', [[{}, this.passages]]);
    if (this.lastUpdate !== undefined)
      metric('verbatim_library_last_update_timestamp_seconds', 'gauge', 'When the index last changed (open, live update, /reindex).', [
        [{}, this.lastUpdate / 1000],
      ]);
    metric('verbatim_library_updates_total', 'counter', 'Index changes since the start (the first open included).', [[{}, this.libraryUpdates]]);
    metric('verbatim_gateway_connected', 'gauge', 'Whether the Discord gateway session is up.', [[{}, this.gatewayConnected ? 1 : 0]]);
    metric('verbatim_gateway_events_dropped_total', 'counter', 'Malformed gateway events logged and dropped.', [[{}, this.droppedEvents]]);
    metric(
      'verbatim_interactions_total',
      'counter',
      'Interactions handled, by kind, command and outcome.',
      [...this.interactions.values()].map((e) => [{ kind: e.kind, command: e.command, outcome: e.outcome }, e.count]),
    );
    const t = this.answerTimes();
    out.push(
      '# HELP verbatim_answer_seconds Time from receiving an interaction to the answer sent (quantiles over the last 2048).',
      '# TYPE verbatim_answer_seconds summary',
      `verbatim_answer_seconds{quantile="0.5"} ${num(t.p50 / 1000)}`,
      `verbatim_answer_seconds{quantile="0.99"} ${num(t.p99 / 1000)}`,
      `verbatim_answer_seconds_sum ${num(this.answeredMsSum / 1000)}`,
      `verbatim_answer_seconds_count ${t.count}`,
    );
    metric('process_start_time_seconds', 'gauge', 'Start time of the process since the epoch, in seconds.', [
      [{}, Math.floor(this.startedAt / 1000)],
    ]);
    metric('verbatim_uptime_seconds', 'gauge', 'Seconds since the start.', [[{}, Math.round((now - this.startedAt) / 1000)]]);
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [[{}, process.memoryUsage.rss()]]);
    return out.join('\n') + '\n';
  }
}
