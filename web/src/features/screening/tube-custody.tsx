// One tube: where it has been (site, box, lab, times), its result with Ct values, the people in it
// (masked) and the custody timeline.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CtValues } from './ct-values.tsx';
import { CustodyTimeline } from './custody-timeline.tsx';
import { LabResultTag } from './lab-result-tag.tsx';
import { tubeQuery, type CustodyEventView, type TubeViewData } from './screening-api.ts';
import { fullTime } from './screening-format.ts';

type Member = TubeViewData['people'][number];

/** The custody events framed by the collection and the report, so the timeline reads 采→送→检→报. */
function withEnds(tube: TubeViewData): CustodyEventView[] {
  const events: CustodyEventView[] = [{ kind: 'collected', at: tube.collectedAt, actor: null, detail: tube.siteName ? { site: tube.siteName } : null }, ...tube.events];
  if (tube.reportedAt) events.push({ kind: 'reported', at: tube.reportedAt, actor: null, detail: tube.result ? { result: tube.result } : null });
  // The same event listed twice (the server also sends a box's events for each of its tubes) shows once.
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const key = `${e.kind}|${e.at}|${JSON.stringify(e.detail)}`;
    return !seen.has(key) && !!seen.add(key);
  });
  return unique.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

export function TubeCustody({ code }: { code: string }) {
  const { t } = useI18n();
  const q = useQuery(tubeQuery(code));
  if (q.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (q.isError) return <Alert type="error" showIcon message={errorText(q.error, t)} data-testid="tube-error" />;
  const tube = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="tube-custody" data-code={tube.code}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'code', label: t('screening.tubeCode'), children: <Typography.Text code>{tube.code}</Typography.Text> },
          { key: 'round', label: t('screening.round'), children: tube.roundName },
          {
            key: 'kind',
            label: t('screening.tubeKind'),
            children: (
              <Space size={4}>
                {t(`screening.tubeKind.${tube.kind === 'pool' ? 'pool' : tube.kind === 'household' ? 'household' : 'single'}`)}
                <Typography.Text type="secondary">
                  {tube.members}/{tube.capacity}
                </Typography.Text>
                {tube.sealed && <Tag bordered={false}>{t('screening.sealed')}</Tag>}
              </Space>
            ),
          },
          { key: 'result', label: t('screening.result'), children: <Space><LabResultTag result={tube.result} /><CtValues orf1ab={tube.ctOrf1ab} n={tube.ctN} /></Space> },
          { key: 'site', label: t('screening.site'), children: tube.siteName ?? '—' },
          { key: 'box', label: t('screening.box'), children: tube.boxCode ?? '—' },
          { key: 'lab', label: t('screening.lab'), children: tube.labName ?? '—' },
          { key: 'collected', label: t('screening.collectedAt'), children: fullTime(tube.collectedAt) },
          { key: 'boxed', label: t('screening.boxedAt'), children: fullTime(tube.boxedAt) },
          { key: 'received', label: t('screening.receivedAt'), children: fullTime(tube.receivedAt) },
          { key: 'reported', label: t('screening.reportedAt'), children: fullTime(tube.reportedAt) },
        ]}
      />
      <Card size="small" title={t('screening.tubeMembers', { n: tube.people.length })}>
        <Table<Member>
          size="small"
          rowKey="slot"
          pagination={false}
          dataSource={tube.people}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '#', dataIndex: 'slot', width: 48 },
            { title: t('persons.name'), dataIndex: 'name' },
            { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('screening.collectedAt'), dataIndex: 'collectedAt', render: (v: string) => fullTime(v) },
            { title: '', dataIndex: 'repeat', render: (v: boolean) => (v ? <Tag color="gold">{t('screening.repeat')}</Tag> : null) },
          ]}
        />
      </Card>
      <Card size="small" title={t('screening.custody')}>
        <CustodyTimeline events={withEnds(tube)} />
      </Card>
    </Space>
  );
}
