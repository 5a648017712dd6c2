// "编辑": name and sort order of a place.
import { App, Form, Input, InputNumber, Modal } from 'antd';
import type { PlaceDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useUpdatePlace } from './places-api.ts';

interface Values {
  name: string;
  sortOrder: number | null;
}

export function PlaceEditModal({ place, open, onClose }: { place: PlaceDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdatePlace(place.id);

  const submit = async () => {
    const v = await form.validateFields();
    const saved = await update.mutateAsync({ name: v.name.trim(), sortOrder: v.sortOrder ?? undefined });
    void message.success(t('places.updated', { name: saved.name }));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('places.editTitle', { name: place.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ name: place.name, sortOrder: place.sortOrder }}>
        <Form.Item name="name" label={t('places.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('places.sortOrder')}>
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
