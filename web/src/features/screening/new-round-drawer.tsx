// The "new round" form (screening.manage): name, places, start and deadline, sampling mode per zone
// level (defaults DEFAULT_MODES), optional zone marks, with the pool advisor for the chosen places.
import { App, Alert, Button, DatePicker, Divider, Drawer, Form, Grid, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn'; // the picker's month and weekday names under the zh-CN locale
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { DEFAULT_MODES, type RoundModes, type ZoneLevel } from '../../../../domain/screening.ts';
import type { Id } from '../../api/types.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlacesPicker } from './places-picker.tsx';
import { PoolAdvisor } from './pool-advisor.tsx';
import { SamplingModesFields } from './sampling-modes-fields.tsx';
import { useCreateRound } from './screening-api.ts';
import { ZoneMarksFields } from './zone-marks-fields.tsx';

interface Values {
  name: string;
  placeIds: Id[];
  startsAt: Dayjs;
  deadline: Dayjs;
  modes: RoundModes;
  zones?: { placeId?: Id; level: ZoneLevel }[];
}

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function NewRoundDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateRound();
  const desk = !!Grid.useBreakpoint().md;
  const placeIds = Form.useWatch('placeIds', form) ?? [];
  const zones = Form.useWatch('zones', form) ?? [];
  const advised = useMemo(
    () => [...new Set([...placeIds, ...zones.map((z) => z?.placeId).filter((id): id is Id => typeof id === 'number')])],
    [placeIds, zones],
  );
  const initialValues = useMemo<Partial<Values>>(() => {
    const now = dayjs().second(0).millisecond(0);
    return { placeIds: [], startsAt: now, deadline: now.add(24, 'hour'), modes: { ...DEFAULT_MODES }, zones: [] };
  }, []);

  const submit = (v: Values) =>
    create.mutate(
      {
        name: v.name.trim(),
        placeIds: v.placeIds,
        startsAt: v.startsAt.toISOString(),
        deadline: v.deadline.toISOString(),
        modes: v.modes,
        zones: (v.zones ?? []).filter((z): z is { placeId: Id; level: ZoneLevel } => typeof z.placeId === 'number'),
      },
      {
        onSuccess: (round) => {
          void message.success(t('screening.form.created', { name: round.name }));
          form.resetFields();
          onClose();
          navigate(`/screening/${round.id}`);
        },
      },
    );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={desk ? 720 : '100%'}
      title={t('screening.form.title')}
      destroyOnHidden
      data-testid="new-round-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="round-submit">
            {t('screening.form.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark="optional">
        <Form.Item name="name" label={t('screening.form.name')} rules={[{ required: true, whitespace: true, message: t('screening.form.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('screening.form.namePlaceholder')} data-testid="round-name" />
        </Form.Item>
        <Form.Item name="placeIds" label={t('screening.form.places')} rules={[{ required: true, type: 'array', min: 1, message: t('screening.form.placesRequired') }]}>
          <PlacesPicker placeholder={t('screening.form.placesPlaceholder')} testId="round-places" />
        </Form.Item>
        <Space size={12} wrap style={{ width: '100%' }}>
          <Form.Item name="startsAt" label={t('screening.startsAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} allowClear={false} data-testid="round-starts" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('screening.deadline')}
            dependencies={['startsAt']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) =>
                  !v || v.isAfter(getFieldValue('startsAt') as Dayjs) ? Promise.resolve() : Promise.reject(new Error(t('screening.form.deadlineAfterStart'))),
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} allowClear={false} data-testid="round-deadline" style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Divider orientation="left" orientationMargin={0} style={{ marginTop: 0 }}>
          {t('screening.form.modes')} · {t('screening.advice.title')}
        </Divider>
        <SamplingModesFields />
        <PoolAdvisor
          placeIds={advised}
          onUseSingle={() => form.setFieldValue('modes', { ...form.getFieldValue('modes'), controlled: 'single', precaution: 'single' })}
        />
        <Divider orientation="left" orientationMargin={0}>
          {t('screening.form.zones')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('screening.form.zonesNote')}
        </Typography.Paragraph>
        <ZoneMarksFields />
        {create.error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={errorText(create.error, t)} data-testid="round-error" />}
      </Form>
    </Drawer>
  );
}
