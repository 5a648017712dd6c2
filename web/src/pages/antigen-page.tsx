// /antigen — 抗原自测: a resident reports a self-test for someone of their household (a grid worker
// finds people of their area by name). A positive result creates a PCR confirmation task.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { LabResultValue } from '../../../domain/lab-results.ts';
import { antigenPeopleQuery, useReportAntigen, type AntigenResultView } from '../features/antigen/antigen-api.ts';
import { AntigenReportCard } from '../features/antigen/antigen-report-card.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function AntigenPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const people = useQuery(antigenPeopleQuery(q));
  const report = useReportAntigen();
  const [last, setLast] = useState<{ name: string; result: AntigenResultView } | null>(null);
  const send = (personId: number, name: string, result: LabResultValue) =>
    report.mutate({ personId, result }, { onSuccess: (r) => setLast({ name, result: r }) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="antigen-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('antigen.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('antigen.hint')}</Typography.Text>
      {last && (
        <Alert
          showIcon
          type={last.result.pcrTaskId ? 'warning' : 'success'}
          message={last.result.pcrTaskId ? t('antigen.positiveSent', { name: last.name }) : t('antigen.sent', { name: last.name })}
          data-testid="antigen-sent"
        />
      )}
      <Input.Search allowClear placeholder={t('antigen.search')} onSearch={setQ} />
      {people.isPending ? (
        <Spin />
      ) : people.data?.items.length ? (
        people.data.items.map((p) => <AntigenReportCard key={p.id} person={p} busy={report.isPending} onReport={(r) => send(p.id, p.name, r)} />)
      ) : (
        <Empty description={t('antigen.nobody')} />
      )}
    </Space>
  );
}
