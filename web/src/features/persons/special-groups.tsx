// People with special-group tags under one place, one collapsible group per tag, with their needs.
import { useQueries } from '@tanstack/react-query';
import { Collapse, Empty, List, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { SpecialGroupTag } from '../../../../domain/persons.ts';
import type { Id, Person } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ageOn, localDay } from './person-format.ts';
import { personsQuery } from './persons-api.ts';
import { PersonTag } from './person-tags.tsx';

/** People per tag and place; a group that reaches it says it is cut. */
const GROUP_LIMIT = 500;

function Member({ p, today }: { p: Person; today: string }) {
  const { t } = useI18n();
  const age = ageOn(p.birthDate, today);
  return (
    <List.Item>
      <Space direction="vertical" size={0} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Link to={`/persons/${p.id}`}>{p.name}</Link>
          <Typography.Text type="secondary">
            {[p.sex ? t(`persons.sex.${p.sex}`) : null, age !== null ? t('persons.ageValue', { age }) : null, p.phone].filter(Boolean).join(' · ')}
          </Typography.Text>
          {p.householdCode && <Typography.Text type="secondary" title={p.householdCode}>{t('special.household', { name: p.householdName ?? '' })}</Typography.Text>}
        </Space>
        <Typography.Text type={p.needs ? undefined : 'secondary'}>{p.needs ?? t('special.noNeeds')}</Typography.Text>
      </Space>
    </List.Item>
  );
}

export function SpecialGroups({ placeId, tags }: { placeId: Id; tags: readonly SpecialGroupTag[] }) {
  const { t } = useI18n();
  const today = localDay();
  const groups = useQueries({ queries: tags.map((tag) => personsQuery({ placeId, tag, status: 'active' }, 0, GROUP_LIMIT)) });
  if (groups.some((g) => g.isPending)) return <Spin style={{ display: 'block', margin: 24 }} />;
  const filled = tags.map((tag, i) => ({ tag, items: groups[i].data?.items ?? [] })).filter((g) => g.items.length > 0);
  if (!filled.length) return <Empty description={t('special.none')} />;
  return (
    <Collapse
      data-testid="special-groups"
      defaultActiveKey={filled.length === 1 ? [filled[0].tag] : []}
      items={filled.map(({ tag, items }) => ({
        key: tag,
        label: (
          <Space>
            <PersonTag tag={tag} />
            <Typography.Text strong data-testid={`special-count-${tag}`}>
              {t(items.length >= GROUP_LIMIT ? 'special.countCut' : 'special.count', { n: items.length })}
            </Typography.Text>
          </Space>
        ),
        children: <List size="small" dataSource={items} renderItem={(p) => <Member p={p} today={today} />} />,
      }))}
    />
  );
}
