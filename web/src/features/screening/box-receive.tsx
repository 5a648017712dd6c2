// 接收转运箱: scan the box code, choose the lab, optionally scan the tubes taken out of the box (a
// live tally against the box's list), then confirm the receipt and see what was missing.
import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Space, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BoxSummary } from './box-summary.tsx';
import { tallyScan } from './box-scan.ts';
import { LabSelect, rememberedLab } from './lab-select.tsx';
import { ReceiveResult } from './receive-result.tsx';
import { ScanInput } from './scan-input.tsx';
import { boxQuery, useReceiveBox } from './screening-api.ts';
import { TubeCodeTags } from './tube-code-tags.tsx';

export function BoxReceive() {
  const { t } = useI18n();
  const [boxCode, setBoxCode] = useState('');
  const [labCode, setLabCode] = useState<string | undefined>(rememberedLab);
  const [scanned, setScanned] = useState<string[]>([]);
  const tubeInput = useRef<InputRef>(null);
  const boxInput = useRef<InputRef>(null);
  const box = useQuery(boxQuery(boxCode));
  const receive = useReceiveBox();
  const listed = box.data?.tubeCodes.map((c) => c.code) ?? [];
  const tally = tallyScan(listed, scanned);
  const done = receive.data && receive.data.box.code === boxCode ? receive.data : undefined;

  const startBox = (code: string) => {
    setBoxCode(code);
    setScanned([]);
    receive.reset();
    setTimeout(() => tubeInput.current?.focus(), 0);
  };
  const next = () => {
    setBoxCode('');
    setScanned([]);
    receive.reset();
    setTimeout(() => boxInput.current?.focus(), 0);
  };
  const confirm = () => labCode && receive.mutate({ boxCode, labCode, tubeCodes: scanned.length ? scanned : undefined });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="box-receive">
      <Form layout="vertical" component="div">
        <Space wrap align="start" style={{ width: '100%' }} size={16}>
          <Form.Item label={t('screening.receive.scanBox')} style={{ marginBottom: 0, minWidth: 280 }}>
            <ScanInput ref={boxInput} autoFocus onScan={startBox} placeholder={t('screening.receive.scanBoxHint')} testId="box-scan" />
          </Form.Item>
          <Form.Item label={t('screening.lab')} style={{ marginBottom: 0, minWidth: 280 }}>
            <LabSelect value={labCode} onChange={setLabCode} />
          </Form.Item>
        </Space>
      </Form>
      {boxCode && box.isError && <Alert type="error" showIcon message={errorText(box.error, t)} data-testid="box-error" />}
      {box.data && <BoxSummary box={box.data} warnReceived={!done} />}
      {box.data && !box.data.receivedAt && !done && (
        <>
          <Form layout="vertical" component="div">
            <Form.Item label={t('screening.receive.scanTubes')} extra={t('screening.receive.scanTubesHint')} style={{ marginBottom: 0, maxWidth: 420 }}>
              <ScanInput
                ref={tubeInput}
                onScan={(c) => setScanned((s) => (s.includes(c) ? s : [...s, c]))}
                placeholder={t('screening.receive.scanTubePlaceholder')}
                testId="tube-scan"
                disabled={receive.isPending}
              />
            </Form.Item>
          </Form>
          <div data-testid="scan-tally" data-found={tally.found.length} data-listed={listed.length}>
            <Typography.Text strong>{t('screening.receive.tally', { found: tally.found.length, listed: listed.length })}</Typography.Text>
            {tally.found.length > 0 && (
              <div style={{ marginTop: 6 }}>
                <TubeCodeTags codes={tally.found} color="green" icon={<CheckCircleOutlined />} testId="scan-found" />
              </div>
            )}
            {scanned.length > 0 && tally.missing.length > 0 && (
              <div style={{ marginTop: 6 }}>
                <Typography.Text type="secondary">{t('screening.receive.notYet')}</Typography.Text> <TubeCodeTags codes={tally.missing} color="default" testId="scan-pending" />
              </div>
            )}
            {tally.unexpected.length > 0 && (
              <div style={{ marginTop: 6 }}>
                <Typography.Text type="warning">{t('screening.receive.notOnList')}</Typography.Text> <TubeCodeTags codes={tally.unexpected} color="orange" testId="scan-unexpected" />
              </div>
            )}
          </div>
          {receive.error && <Alert type="error" showIcon message={errorText(receive.error, t)} data-testid="receive-error" />}
          <Space wrap>
            <Button type="primary" size="large" disabled={!labCode} loading={receive.isPending} onClick={confirm} data-testid="receive-submit">
              {scanned.length ? t('screening.receive.confirmScanned', { n: scanned.length }) : t('screening.receive.confirmAll')}
            </Button>
            {scanned.length > 0 && <Button onClick={() => setScanned([])}>{t('screening.receive.clearScans')}</Button>}
            {!labCode && <Typography.Text type="warning">{t('screening.chooseLab')}</Typography.Text>}
          </Space>
        </>
      )}
      {done && (
        <>
          <ReceiveResult r={done} />
          <Button icon={<ReloadOutlined />} onClick={next} data-testid="receive-next">
            {t('screening.receive.next')}
          </Button>
        </>
      )}
    </Space>
  );
}
