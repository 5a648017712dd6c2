// The answer of a box receipt: expected against received, the missing tubes (listed on the box but
// not scanned) in red and the unexpected ones (scanned, not on the list) in orange.
import { CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Col, Row, Space, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ReceiveResultView } from './screening-api.ts';
import { fullTime } from './screening-format.ts';
import { TubeCodeTags } from './tube-code-tags.tsx';

export function ReceiveResult({ r }: { r: ReceiveResultView }) {
  const { t } = useI18n();
  const complete = r.missing.length === 0 && r.unexpected.length === 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="receive-result" data-expected={r.expected} data-received={r.received}>
      <Alert
        type={complete ? 'success' : 'warning'}
        showIcon
        message={t(complete ? 'screening.receive.complete' : 'screening.receive.incomplete', { code: r.box.code })}
        description={t('screening.receive.at', { time: fullTime(r.box.receivedAt), lab: r.box.labName ?? '—' })}
      />
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('screening.receive.expected')} value={r.expected} />
        </Col>
        <Col span={8}>
          <Statistic title={t('screening.receive.received')} value={r.received} valueStyle={{ color: r.received < r.expected ? '#cf1322' : '#3f8600' }} />
        </Col>
        <Col span={8}>
          <Statistic title={t('screening.receive.missing')} value={r.missing.length} valueStyle={{ color: r.missing.length ? '#cf1322' : undefined }} />
        </Col>
      </Row>
      {r.missing.length > 0 && (
        <div>
          <Typography.Text type="danger" strong>
            {t('screening.receive.missingTubes', { n: r.missing.length })}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <TubeCodeTags codes={r.missing} color="red" icon={<CloseCircleOutlined />} testId="receive-missing" />
          </div>
        </div>
      )}
      {r.unexpected.length > 0 && (
        <div>
          <Typography.Text type="warning" strong>
            {t('screening.receive.unexpectedTubes', { n: r.unexpected.length })}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <TubeCodeTags codes={r.unexpected} color="orange" icon={<ExclamationCircleOutlined />} testId="receive-unexpected" />
          </div>
        </div>
      )}
    </Space>
  );
}
