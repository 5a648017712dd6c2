// "新建下级地点": code, kind (a level below the parent), name, sort order, lat/lng.
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { PLACE_CODE_PATTERN, PLACE_KIND_LABELS, PLACE_KINDS, type PlaceKind } from '../../../../domain/places.ts';
import type { PlaceDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCreatePlace } from './places-api.ts';

interface Values {
  code: string;
  kind: PlaceKind;
  name: string;
  sortOrder?: number | null;
  lat?: number | null;
  lng?: number | null;
}

const opt = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);

interface Props {
  parent: PlaceDetail;
  open: boolean;
  onClose: () => void;
  onCreated?: (place: PlaceDetail) => void;
}

export function PlaceCreateModal({ parent, open, onClose, onCreated }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlace();
  const kinds = PLACE_KINDS.slice(PLACE_KINDS.indexOf(parent.kind) + 1);

  const submit = async () => {
    const v = await form.validateFields();
    const created = await create.mutateAsync({
      parentId: parent.id,
      code: v.code.trim(),
      kind: v.kind,
      name: v.name.trim(),
      sortOrder: opt(v.sortOrder),
      lat: opt(v.lat),
      lng: opt(v.lng),
    });
    void message.success(t('places.created', { name: created.name }));
    form.resetFields();
    onClose();
    onCreated?.(created);
  };

  return (
    <Modal
      open={open}
      title={t('places.createTitle', { name: parent.name })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      data-testid="place-create-modal"
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: kinds[0], sortOrder: parent.childCount + 1 }}>
        <Form.Item
          name="code"
          label={t('places.code')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: PLACE_CODE_PATTERN, message: t('places.codeInvalid') },
          ]}
        >
          <Input data-testid="place-form-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('places.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: label(PLACE_KIND_LABELS[k], k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('places.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="place-form-name" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('places.sortOrder')}>
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="lat" label={t('places.lat')} style={{ flex: 1 }}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t('places.lng')} style={{ flex: 1, marginInlineStart: 8 }}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}
