// The tabs over the people pages: search, special groups, import (with persons.import).
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../auth/use-auth.ts';

type TabKey = 'list' | 'special' | 'import';
const PATHS: Record<TabKey, string> = { list: '/persons', special: '/persons/special', import: '/persons/import' };

export function PersonsTabs({ active, extra }: { active: TabKey; extra?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canImport = useCan('persons.import');
  const keys: TabKey[] = canImport ? ['list', 'special', 'import'] : ['list', 'special'];
  return (
    <Tabs
      activeKey={active}
      data-testid="persons-tabs"
      tabBarExtraContent={extra}
      onChange={(k) => navigate(PATHS[k as TabKey])}
      items={keys.map((k) => ({ key: k, label: t(`persons.tab.${k}`) }))}
    />
  );
}
