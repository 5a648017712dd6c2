// The current census campaign (coverage counts only its visits); census.manage may start a new one.
import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../auth/use-auth.ts';
import { campaignsQuery, useStartCampaign } from './census-api.ts';

function StartCampaign() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const start = useStartCampaign();
  const submit = () =>
    start.mutate(name.trim(), {
      onSuccess: (c) => {
        void message.success(t('census.campaignStarted', { name: c.name }));
        setOpen(false);
        setName('');
      },
    });
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="campaign-start">
        {t('census.startCampaign')}
      </Button>
      <Modal
        open={open}
        title={t('census.startCampaign')}
        okText={t('census.startCampaign')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !name.trim() }}
        confirmLoading={start.isPending}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('census.campaignNote')}</Typography.Paragraph>
        <Input placeholder={t('census.campaignName')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && submit()} />
      </Modal>
    </>
  );
}

export function CampaignBar() {
  const { t, lang } = useI18n();
  const canManage = useCan('census.manage');
  const q = useQuery(campaignsQuery());
  const current = q.data?.items[0];
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Space wrap size={8} data-testid="campaign-bar" style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space size={6}>
        <FlagOutlined style={{ color: '#c0392b' }} />
        {current ? (
          <Typography.Text>
            <Typography.Text strong>{current.name}</Typography.Text>
            <Typography.Text type="secondary"> · {t('census.since', { time: fmt.format(new Date(current.startedAt)) })}</Typography.Text>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('census.noCampaign')}</Typography.Text>
        )}
      </Space>
      {canManage && <StartCampaign />}
    </Space>
  );
}
