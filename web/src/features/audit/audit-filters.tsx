// Filter bar of the audit log: actor username, entity, entity id, time range.
import { Button, DatePicker, Form, Input, Space } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AuditFilter } from './audit-api.ts';

interface DateLike {
  toISOString(): string;
}
interface Values {
  actor?: string;
  entity?: string;
  entityId?: string;
  range?: [DateLike | null, DateLike | null] | null;
}

const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function AuditFilters({ onChange }: { onChange: (f: AuditFilter) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    onChange({
      actor: clean(v.actor),
      entity: clean(v.entity),
      entityId: clean(v.entityId),
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });
  return (
    <Form<Values> form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }} data-testid="audit-filters">
      <Form.Item name="actor">
        <Input placeholder={t('audit.actor')} allowClear style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="entity">
        <Input placeholder={t('audit.entity')} allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="entityId">
        <Input placeholder={t('audit.entityId')} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker showTime aria-label={t('audit.timeRange')} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
