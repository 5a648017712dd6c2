// The sampling mode of each zone level of a new round: only the modes its level allows (DESIGN §5).
import { Col, Form, Row, Select } from 'antd';
import { MODES_ALLOWED, SAMPLING_MODE_LABELS, ZONE_LEVEL_LABELS, ZONE_LEVELS } from '../../../../domain/screening.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export function SamplingModesFields() {
  const { label } = useI18n();
  return (
    <Row gutter={12}>
      {ZONE_LEVELS.map((level) => (
        <Col key={level} xs={24} sm={8}>
          <Form.Item name={['modes', level]} label={label(ZONE_LEVEL_LABELS[level])} rules={[{ required: true }]}>
            <Select
              data-testid={`mode-${level}`}
              options={MODES_ALLOWED[level].map((m) => ({ value: m, label: label(SAMPLING_MODE_LABELS[m]) }))}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
