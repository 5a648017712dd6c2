// Days are the city's days (DESIGN §13): never the UTC date.
export function dayInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

// Extended (2022-04-01T08:00:00.5+08:00, with T or a space) or basic (20220401T080000+0800) ISO 8601.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const BASIC = /^(\d{4})(\d{2})(\d{2})(?:[T ](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?:\d{2})?)?)?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (+8 h for Asia/Shanghai). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000; // the formatter shows no milliseconds
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(whole))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return utcMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) - whole;
}

/** The instant at which the wall clock of `timeZone` shows `wallMs` (a wall time written as if UTC). */
function wallTimeToInstant(wallMs: number, timeZone: string): number {
  const DAY = 86_400_000;
  // The offsets in force a day either side cover any transition near this wall time.
  const before = zoneOffsetMs(wallMs - DAY, timeZone);
  const after = zoneOffsetMs(wallMs + DAY, timeZone);
  const fits = [before, after].map((o) => wallMs - o).filter((t) => zoneOffsetMs(t, timeZone) === wallMs - t);
  // Autumn overlap (the hour that happens twice): the earlier instant. Spring gap (an hour that
  // never happens): read it with the offset before the change, i.e. 02:30 → 03:30 summer time —
  // the rule of Temporal's 'compatible' disambiguation.
  if (fits.length > 0) return Math.min(...fits);
  return wallMs - before;
}

/**
 * Parses an ISO 8601 time as imports write it (DESIGN §13): with Z or an offset it is that instant;
 * without one it is the wall-clock time of `timeZone`; a plain date is local midnight. Anything else,
 * or an impossible date or time (02-30, 25:00), gives null.
 */
export function parseLocalTime(text: string, timeZone: string): Date | null {
  const m = EXTENDED.exec(text.trim()) ?? BASIC.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const wall = utcMs(y, mo, d, h, mi, s, ms);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null; // 02-30 rolled over
  const zone = m[8];
  if (zone === undefined) return new Date(wallTimeToInstant(wall, timeZone));
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const digits = zone.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return null;
  const sign = zone[0] === '-' ? -1 : 1;
  return new Date(wall - sign * (oh * 60 + om) * 60_000);
}
