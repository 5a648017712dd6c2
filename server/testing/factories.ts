// Factories for valid domain records with overrides (no fixtures copied between tests).
import { makeIdCard } from '../../domain/id-card.ts';

let sequence = 100;

/** A valid 身份证 number, different on every call unless the parts are given. */
export function idCard(over: { region?: string; birthDate?: string; sex?: 'M' | 'F' } = {}): string {
  sequence += 2;
  const year = 1950 + (sequence % 60);
  const birth = over.birthDate ?? `${year}-${String(1 + (sequence % 12)).padStart(2, '0')}-${String(1 + (sequence % 28)).padStart(2, '0')}`;
  return makeIdCard(over.region ?? '990101', birth, sequence % 1000, over.sex ?? (sequence % 4 === 0 ? 'F' : 'M'));
}

export function personBody(over: Record<string, unknown> = {}) {
  return { idNumber: idCard(), name: '测试人员', phone: `139${String(10_000_000 + sequence).slice(-8)}`, ...over };
}

/** A wrong check digit on an otherwise valid number. */
export function withWrongCheckDigit(n: string): string {
  return n.slice(0, 17) + (n[17] === '0' ? '1' : '0');
}
