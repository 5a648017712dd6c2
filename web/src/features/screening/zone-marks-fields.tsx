// Optional zone marks of a new round: a place of the round and its level (sealed buildings,
// controlled compounds…); everything unmarked is precaution.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space } from 'antd';
import { ZONE_LEVEL_LABELS, ZONE_LEVELS } from '../../../../domain/screening.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceTreeSelect } from '../places/place-tree-select.tsx';

export function ZoneMarksFields() {
  const { t, label } = useI18n();
  return (
    <Form.List name="zones">
      {(fields, { add, remove }) => (
        <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="zone-marks">
          {fields.map((f) => (
            <Space key={f.key} align="start" style={{ width: '100%' }} wrap>
              <Form.Item name={[f.name, 'placeId']} rules={[{ required: true, message: t('screening.form.zonePlaceRequired') }]} style={{ marginBottom: 8 }}>
                <PlaceTreeSelect placeholder={t('screening.form.zonePlace')} style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'level']} initialValue="sealed" style={{ marginBottom: 8 }}>
                <Select style={{ width: 120 }} options={ZONE_LEVELS.map((l) => ({ value: l, label: label(ZONE_LEVEL_LABELS[l]) }))} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('screening.form.removeZone')} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="zone-add">
            {t('screening.form.addZone')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
