// The one list the side menu is built from. A domain of DESIGN.md gets a line here when its pages
// exist; until then it has only its label (nav.* in i18n) and is not shown.
import { MedicineBoxOutlined, AuditOutlined, EnvironmentOutlined, ExperimentOutlined, HomeOutlined, InboxOutlined, ScanOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../domain/roles.ts';
import type { MessageKey } from '../i18n/i18n.tsx';

export interface NavItem {
  key: string;
  path: string;
  labelKey: MessageKey;
  permission?: Permission;
  icon?: ReactNode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'places', path: '/places', labelKey: 'nav.places', permission: 'places.read', icon: <EnvironmentOutlined /> },
  { key: 'persons', path: '/persons', labelKey: 'nav.persons', permission: 'persons.read', icon: <TeamOutlined /> },
  { key: 'census', path: '/census', labelKey: 'nav.census', permission: 'census.read', icon: <HomeOutlined /> },
  // Next domains, one line each when built (labels exist already):
  { key: 'screening', path: '/screening', labelKey: 'nav.screening', permission: 'screening.read', icon: <ExperimentOutlined /> },
  { key: 'screening-lab', path: '/screening/lab', labelKey: 'nav.screeningLab', permission: 'screening.results', icon: <InboxOutlined /> },
  { key: 'sampler', path: '/sampler', labelKey: 'nav.sampler', permission: 'screening.sample', icon: <ScanOutlined /> },
  // { key: 'cases', path: '/cases', labelKey: 'nav.cases', … },
  // { key: 'tracing', path: '/tracing', labelKey: 'nav.tracing', … },
  // { key: 'quarantine', path: '/quarantine', labelKey: 'nav.quarantine', … },
  // { key: 'zones', path: '/zones', labelKey: 'nav.zones', … },
  // { key: 'status', path: '/status', labelKey: 'nav.status', … },
  // { key: 'services', path: '/services', labelKey: 'nav.services', … },
  // { key: 'reports', path: '/reports', labelKey: 'nav.reports', … },
  { key: 'antigen', path: '/antigen', labelKey: 'nav.antigen', permission: 'screening.antigen', icon: <MedicineBoxOutlined /> },
  { key: 'audit', path: '/audit', labelKey: 'nav.audit', permission: 'audit.read', icon: <AuditOutlined /> },
];

/** The menu key of the item whose path starts the current location (the longest such path). */
export function activeNavKey(pathname: string): string | undefined {
  const matches = NAV_ITEMS.filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
