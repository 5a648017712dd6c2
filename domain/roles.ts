// Roles and permissions (DESIGN.md §1). Pure data: the server enforces them, the web reads them
// to decide what to show. A role assignment is (user, role, place); no place means the whole tree.

export const ROLES = [
  'admin', 'commander', 'district_officer', 'grid_worker', 'sampler', 'lab', 'tracer',
  'site_staff', 'transfer', 'hotline', 'volunteer', 'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'places.read', 'places.write', 'facilities.write',
  'audit.read', 'users.read', 'users.write',
  'persons.read', 'persons.write', 'persons.unmask', 'persons.import',
  'census.read', 'census.write', 'census.manage',
  // Testing rounds: read progress, run rounds, register samples and box them, receive and report as a lab,
  // report an antigen self-test.
  'screening.read', 'screening.manage', 'screening.sample', 'screening.results', 'screening.antigen',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  commander: { zh: '指挥部', en: 'Commander' },
  district_officer: { zh: '区/街道干部', en: 'District officer' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  sampler: { zh: '采样员', en: 'Sampler' },
  lab: { zh: '检测机构', en: 'Lab' },
  tracer: { zh: '流调员', en: 'Tracer' },
  site_staff: { zh: '隔离点工作人员', en: 'Site staff' },
  transfer: { zh: '转运专班', en: 'Transfer team' },
  hotline: { zh: '热线/诉求', en: 'Hotline' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  resident: { zh: '居民', en: 'Resident' },
};

// Front-line staff who must find the person in front of them (samplers, tracers, hotline…).
const LOOKUP_STAFF: Permission[] = ['places.read', 'persons.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  commander: ['places.read', 'audit.read', 'users.read', 'persons.read', 'persons.unmask', 'census.read', 'screening.read'],
  district_officer: ['places.read', 'places.write', 'facilities.write', 'audit.read', 'persons.read', 'persons.write', 'persons.import', 'census.read', 'screening.read', 'screening.manage', 'screening.sample'],
  grid_worker: ['places.read', 'persons.read', 'persons.write', 'census.read', 'census.write', 'screening.read', 'screening.antigen'],
  sampler: [...LOOKUP_STAFF, 'screening.read', 'screening.sample'],
  lab: ['places.read', 'screening.read', 'screening.results'],
  tracer: LOOKUP_STAFF,
  site_staff: ['places.read', 'facilities.write', 'persons.read'],
  transfer: LOOKUP_STAFF,
  hotline: LOOKUP_STAFF,
  volunteer: ['places.read'],
  resident: ['screening.antigen'],
};

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return [...set].sort();
}
