// "新增人员" at the door: ID number, name, phone, tags; collected here and sent with the visit.
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Form, Input, List, Select, Space, Typography } from 'antd';
import type { SpecialGroupTag } from '../../../../domain/persons.ts';
import type { PersonBody } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useIdNumberRule } from '../persons/person-form-fields.tsx';
import { PersonTags, useTagOptions } from '../persons/person-tags.tsx';

export type AddedPerson = Omit<PersonBody, 'householdId'>;

interface Values {
  idNumber: string;
  name: string;
  phone?: string;
  tags?: SpecialGroupTag[];
}

export function AddPersonForm({ added, onChange, disabled }: { added: AddedPerson[]; onChange: (a: AddedPerson[]) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const idRule = useIdNumberRule();
  const tagOptions = useTagOptions();

  const add = async () => {
    const v = await form.validateFields();
    const idNumber = v.idNumber.trim().toUpperCase();
    const person: AddedPerson = { idType: 'id_card', idNumber, name: v.name.trim(), phone: v.phone?.trim() || null, tags: v.tags ?? [] };
    onChange([...added.filter((a) => a.idNumber !== idNumber), person]);
    form.resetFields();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="add-person">
      {added.length > 0 && (
        <List<AddedPerson>
          size="small"
          bordered
          dataSource={added}
          renderItem={(a) => (
            <List.Item
              extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={t('census.remove')} onClick={() => onChange(added.filter((x) => x !== a))} />}
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{a.name}</Typography.Text>
                <Typography.Text type="secondary">{a.idNumber}</Typography.Text>
                {a.tags && a.tags.length > 0 && <PersonTags tags={a.tags} />}
              </Space>
            </List.Item>
          )}
        />
      )}
      <Form<Values> form={form} layout="vertical" disabled={disabled} requiredMark={false}>
        <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }, idRule]}>
          <Input size="large" autoComplete="off" data-testid="add-person-id" />
        </Form.Item>
        <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input size="large" maxLength={100} data-testid="add-person-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('persons.phone')}>
          <Input size="large" inputMode="tel" maxLength={30} data-testid="add-person-phone" />
        </Form.Item>
        <Form.Item name="tags" label={t('persons.tags')}>
          <Select size="large" mode="multiple" allowClear options={tagOptions} />
        </Form.Item>
        <Button block size="large" icon={<UserAddOutlined />} onClick={() => void add().catch(() => undefined)} data-testid="add-person-submit">
          {t('census.addThis')}
        </Button>
      </Form>
    </Space>
  );
}
