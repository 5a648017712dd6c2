// Census (敲门行动) vocabulary shared by the server and the web.
export const OUTCOMES = ['present', 'absent', 'vacant', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, { zh: string; en: string }> = {
  present: { zh: '在家', en: 'Present' },
  absent: { zh: '不在家', en: 'Absent' },
  vacant: { zh: '空置', en: 'Vacant' },
  refused: { zh: '拒绝', en: 'Refused' },
};

/** Where a household is, for lists that span several buildings: "3号楼 2单元" rather than "2单元". */
export function householdLocation(parent: { name: string | null; kind: string | null }, grandparentName: string | null): string | null {
  if (!parent.name) return null;
  return parent.kind === 'unit' && grandparentName ? `${grandparentName} ${parent.name}` : parent.name;
}
