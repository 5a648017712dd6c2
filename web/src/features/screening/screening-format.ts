// Display helpers of the screening views: rates as percent, hours, durations and local times.
import type { Translate } from '../../i18n/i18n.tsx';

/** A rate (0…1, or null when nothing is expected) as a percent with one decimal. */
export const percentOf = (rate: number | null | undefined): number => (rate == null ? 0 : Math.round(rate * 1000) / 10);

/** `87.5%`, or `—` when there is no rate. */
export const percentText = (rate: number | null | undefined): string => (rate == null ? '—' : `${percentOf(rate)}%`);

/** A prevalence such as 0.00042 as `0.042%` (three decimals: the policy line is 0.1 %). */
export const prevalenceText = (p: number): string => `${(Math.round(p * 100_000) / 1000).toFixed(3)}%`;

/** Hours with one decimal, or `—`. */
export const hoursText = (h: number | null | undefined): string => (h == null ? '—' : `${Math.round(h * 10) / 10} h`);

/** A span of milliseconds as `5小时12分` / `5 h 12 min` (days past 48 hours). */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return t('screening.duration.days', { d: Math.floor(h / 24), h: h % 24 });
  if (h > 0) return t('screening.duration.hours', { h, m });
  return t('screening.duration.minutes', { m });
}

/** An ISO time as local `MM-DD HH:mm` (the city and its workers share a time zone). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An ISO time as local `HH:mm` (the end of a time slot, the day being that of its start). */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A slot's building with its compound (小区): many compounds have a 1号楼. */
export const slotBuildingName = (slot: { compoundName: string | null; buildingName: string }): string =>
  slot.compoundName ? `${slot.compoundName} ${slot.buildingName}` : slot.buildingName;

/** An ISO time as local `YYYY-MM-DD HH:mm:ss`. */
export function fullTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Where a time slot (分时段分批) stands at `now`: still to come, under way, or past. */
export type SlotState = 'upcoming' | 'now' | 'past';
export const slotStateAt = (slot: { startsAt: string; endsAt: string }, now: Date): SlotState =>
  now < new Date(slot.startsAt) ? 'upcoming' : now < new Date(slot.endsAt) ? 'now' : 'past';
