// The fill of a tube as the sampler sees it: the slots of people sent (with the server's masked
// answer) and of people still queued, and whether the tube is full. Pure.
import { maskIdNumber } from '../../../../domain/id-card.ts';
import type { QueuedRegistration, Rejection, SentRegistration, TubeRecord } from './sampler-types.ts';

export interface TubeSlot {
  clientId: string;
  /** 1-based position in the tube (the server's when it answered). */
  slot: number;
  state: 'sent' | 'queued' | 'rejected';
  name: string | null;
  /** Masked: the server's answer, or the scanned number masked here. */
  idNumber: string;
  healthCode: boolean;
  repeat: boolean;
  sealAfter: boolean;
  rejection?: Rejection;
}

export interface TubeFill {
  tube: TubeRecord;
  slots: TubeSlot[];
  /** People in the tube: sent and queued (rejected ones took no slot). */
  used: number;
  capacity: number;
  full: boolean;
  closed: boolean;
  queued: number;
}

/** 张*明: the first and last character of a name (the first only for two). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function scannedLabel(person: string): { idNumber: string; healthCode: boolean } {
  const text = person.trim();
  if (text.startsWith('HC1:')) return { idNumber: 'HC1', healthCode: true };
  return { idNumber: maskIdNumber(text.toUpperCase()), healthCode: false };
}

export function tubeFill(tube: TubeRecord, queue: readonly QueuedRegistration[], sent: readonly SentRegistration[]): TubeFill {
  const mine = sent.filter((s) => s.tubeCode === tube.code).sort((a, b) => a.outcome.slot - b.outcome.slot || a.seq - b.seq);
  const waiting = queue.filter((q) => q.item.tubeCode === tube.code).sort((a, b) => a.seq - b.seq);
  const capacity = tube.server?.capacity ?? tube.capacity;
  // Other devices may have filled slots of the same tube: the server's count is the floor.
  const base = Math.max(mine.length, tube.server?.members ?? 0);
  const slots: TubeSlot[] = mine.map((s) => ({
    clientId: s.clientId,
    slot: s.outcome.slot,
    state: 'sent',
    name: s.outcome.person.name,
    idNumber: s.outcome.person.idNumber,
    healthCode: false,
    repeat: s.outcome.repeat,
    sealAfter: false,
  }));
  let next = base;
  for (const q of waiting) {
    const label = scannedLabel(q.item.person);
    const rejected = q.status === 'rejected';
    if (!rejected) next++;
    slots.push({
      clientId: q.clientId,
      slot: rejected ? 0 : next,
      state: rejected ? 'rejected' : 'queued',
      name: null,
      ...label,
      repeat: false,
      sealAfter: !!q.item.seal,
      rejection: q.rejection,
    });
  }
  const used = next;
  const full = used >= capacity;
  return {
    tube,
    slots,
    used,
    capacity,
    full,
    closed: tube.closed || full || !!tube.server?.sealed,
    queued: waiting.filter((q) => q.status === 'queued').length,
  };
}
