// The one list the side menu is built from. A domain of DESIGN.md gets a line here when its pages
// exist; until then it has only its label (nav.* in i18n) and is not shown.
import { AuditOutlined, EnvironmentOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
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
  // { key: 'screening', path: '/screening', labelKey: 'nav.screening', … },
  // { key: 'cases', path: '/cases', labelKey: 'nav.cases', … },
  // { key: 'tracing', path: '/tracing', labelKey: 'nav.tracing', … },
  // { key: 'quarantine', path: '/quarantine', labelKey: 'nav.quarantine', … },
  // { key: 'zones', path: '/zones', labelKey: 'nav.zones', … },
  // { key: 'status', path: '/status', labelKey: 'nav.status', … },
  // { key: 'services', path: '/services', labelKey: 'nav.services', … },
  // { key: 'reports', path: '/reports', labelKey: 'nav.reports', … },
  { key: 'audit', path: '/audit', labelKey: 'nav.audit', permission: 'audit.read', icon: <AuditOutlined /> },
];

/** The menu key of the item whose path starts the current location. */
export function activeNavKey(pathname: string): string | undefined {
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.key;
}
