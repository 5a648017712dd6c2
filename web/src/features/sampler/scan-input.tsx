// The scan field: takes keyboard-wedge scanners (they type the code and press Enter) and typing,
// with the camera one tap away. It keeps the focus after a scan so the next one lands here too.
import { CameraOutlined, EnterOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ID_TYPE_LABELS, ID_TYPES, type IdType } from '../../../../domain/persons.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CameraScanner } from './camera-scanner.tsx';

interface Props {
  wantsPerson: boolean;
  disabled: boolean;
  idType: IdType;
  onIdType: (t: IdType) => void;
  onScan: (text: string) => void;
}

export function ScanInput({ wantsPerson, disabled, idType, onIdType, onScan }: Props) {
  const { t, label } = useI18n();
  const [text, setText] = useState('');
  const [camera, setCamera] = useState(false);
  const input = useRef<InputRef>(null);
  useEffect(() => {
    if (!disabled && !camera) input.current?.focus();
  }, [disabled, camera, wantsPerson]);

  const submit = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    onScan(value);
    input.current?.focus();
  };

  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="scan-input" data-wants={wantsPerson ? 'person' : 'tube'}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 15 }}>
          {wantsPerson ? t('sampler.scanPerson') : t('sampler.scanTube')}
        </Typography.Text>
        {wantsPerson && (
          <Select<IdType>
            size="small"
            value={idType}
            onChange={onIdType}
            aria-label={t('sampler.idType')}
            popupMatchSelectWidth={false}
            options={ID_TYPES.map((k) => ({ value: k, label: label(ID_TYPE_LABELS[k], k) }))}
            data-testid="scan-id-type"
          />
        )}
      </div>
      {camera && <CameraScanner onScan={onScan} onClose={() => setCamera(false)} />}
      <div style={{ display: 'flex', gap: 8 }}>
        <Input
          ref={input}
          size="large"
          value={text}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={submit}
          placeholder={wantsPerson ? t('sampler.placeholderPerson') : t('sampler.placeholderTube')}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="done"
          style={{ flex: 1, fontSize: 18, fontFamily: 'monospace' }}
          data-testid="scan-field"
        />
        <Button size="large" icon={<EnterOutlined />} disabled={disabled || !text.trim()} onClick={submit} aria-label={t('sampler.enter')} data-testid="scan-submit" />
        <Button size="large" type={camera ? 'primary' : 'default'} icon={<CameraOutlined />} disabled={disabled} onClick={() => setCamera((c) => !c)} data-testid="scan-camera">
          {t('sampler.camera')}
        </Button>
      </div>
    </Space>
  );
}
