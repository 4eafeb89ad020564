/**
 * When digests are due: at a server's local time (IANA time zone), every day or on one weekday.
 * Pure functions of a clock value.
 */

export interface DigestSettings {
  /** `HH:MM`, 24-hour, local time. */
  time: string;
  /** IANA zone, e.g. `Europe/Vienna`. */
  timeZone: string;
  /** Weekly digests: 0 = Sunday … 6 = Saturday. */
  weeklyDay: number;
}

export const DEFAULT_SETTINGS: DigestSettings = { time: '09:00', timeZone: 'UTC', weeklyDay: 1 };
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** True when `zone` is a time zone this runtime knows. */
export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `9:30`, `09:30`, `21:05` → `HH:MM`, or undefined. */
export function parseTime(text: string): string | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

interface Local {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  wd: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function local(at: number, zone: string): Local {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    y: Number(parts['year']),
    mo: Number(parts['month']),
    d: Number(parts['day']),
    h: Number(parts['hour']),
    mi: Number(parts['minute']),
    wd: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts['weekday'] ?? ''),
  };
}

/** The epoch ms of a local wall-clock time in `zone` (the first such instant when a DST gap or fold makes it odd). */
function epochOf(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const l = local(guess, zone);
    const seen = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi);
    guess += wall - seen;
  }
  return guess;
}

/** The digest slot `offset` local days from `now`'s local day, and whether it falls on the right weekday. */
function slot(now: number, offset: number, every: 'daily' | 'weekly', s: DigestSettings): { at: number; ok: boolean } {
  const [h, mi] = s.time.split(':').map(Number) as [number, number];
  const l = local(now, s.timeZone);
  const day = new Date(Date.UTC(l.y, l.mo - 1, l.d + offset));
  const at = epochOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, mi, s.timeZone);
  return { at, ok: every === 'daily' || day.getUTCDay() === s.weeklyDay };
}

/** The latest instant ≤ `now` at which a digest of this cadence was due. */
export function lastDue(now: number, every: 'daily' | 'weekly', s: DigestSettings): number {
  for (let back = 0; back <= 8; back++) {
    const { at, ok } = slot(now, -back, every, s);
    if (ok && at <= now) return at;
  }
  return now;
}

/** The next instant > `now` at which a digest is due (for messages). */
export function nextDue(now: number, every: 'daily' | 'weekly', s: DigestSettings): number {
  for (let ahead = 0; ahead <= 8; ahead++) {
    const { at, ok } = slot(now, ahead, every, s);
    if (ok && at > now) return at;
  }
  return now + 86_400_000;
}
