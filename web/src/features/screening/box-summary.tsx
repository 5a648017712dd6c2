// A box as the lab sees it before receipt: site, tubes listed, sealed and handed over, and a warning
// when it was received already.
import { Alert, Descriptions, Space } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { BoxViewData } from './screening-api.ts';
import { fullTime } from './screening-format.ts';

/** `warnReceived` off right after this bench received the box itself (the receipt shows instead). */
export function BoxSummary({ box, warnReceived = true }: { box: BoxViewData; warnReceived?: boolean }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="box-summary" data-code={box.code} data-tubes={box.tubes}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'code', label: t('screening.box'), children: <b>{box.code}</b> },
          { key: 'site', label: t('screening.site'), children: box.siteName ?? '—' },
          { key: 'tubes', label: t('screening.receive.listed'), children: box.tubes },
          { key: 'sealed', label: t('screening.sealedAt'), children: fullTime(box.sealedAt) },
          { key: 'courier', label: t('screening.courier'), children: box.courier ? `${box.courier} · ${fullTime(box.handedAt)}` : '—' },
        ]}
      />
      {warnReceived && box.receivedAt && (
        <Alert type="error" showIcon data-testid="box-already-received" message={t('error.BOX_ALREADY_RECEIVED')} description={t('screening.receive.at', { time: fullTime(box.receivedAt), lab: box.labName ?? '—' })} />
      )}
    </Space>
  );
}
