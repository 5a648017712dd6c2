// The phone camera as a scanner, shown inline above the tube card: every decoded code goes to the
// same handler as a typed scan. No camera, a refused permission or a plain-http page get a message.
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CameraScan } from './barcode-reader.ts';

/** The same code seen again within this time is the same scan. */
const SAME_SCAN_MS = 2_500;

export function cameraErrorKey(err: unknown): MessageKey {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'sampler.camera.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'sampler.camera.none';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'sampler.camera.busy';
  return 'sampler.camera.failed';
}

export function CameraScanner({ onScan, onClose }: { onScan: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [starting, setStarting] = useState(true);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    let scan: CameraScan | null = null;
    let alive = true;
    const last = { text: '', at: 0 };
    void (async () => {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        setError('sampler.camera.insecure');
        setStarting(false);
        return;
      }
      try {
        const { startCameraScan } = await import('./barcode-reader.ts');
        if (!alive || !video.current) return;
        scan = await startCameraScan(video.current, (text) => {
          const now = Date.now();
          if (text === last.text && now - last.at < SAME_SCAN_MS) return;
          last.text = text;
          last.at = now;
          navigator.vibrate?.(60);
          handler.current(text);
        });
        if (!alive) scan.stop();
      } catch (err) {
        if (alive) setError(err instanceof Error && /Failed to fetch|dynamically imported/i.test(err.message) ? 'sampler.camera.notLoaded' : cameraErrorKey(err));
      } finally {
        if (alive) setStarting(false);
      }
    })();
    return () => {
      alive = false;
      scan?.stop();
    };
  }, []);

  return (
    <div data-testid="camera-scanner">
      {error ? (
        <Alert
          type="warning"
          showIcon
          message={t(error)}
          description={t('sampler.camera.useKeyboard')}
          action={<Button size="small" onClick={onClose}>{t('sampler.camera.close')}</Button>}
          data-testid="camera-error"
        />
      ) : (
        <div style={{ position: 'relative', background: '#000', borderRadius: 8, overflow: 'hidden' }}>
          <video ref={video} muted playsInline style={{ width: '100%', height: 220, objectFit: 'cover', display: 'block' }} />
          <div style={{ position: 'absolute', inset: '30% 12%', border: '2px solid rgba(255,255,255,0.8)', borderRadius: 8, pointerEvents: 'none' }} />
          <div style={{ position: 'absolute', insetInline: 0, bottom: 8, textAlign: 'center', color: '#fff', fontSize: 13 }}>
            {starting ? t('sampler.camera.starting') : t('sampler.camera.aim')}
          </div>
          <Button size="small" onClick={onClose} style={{ position: 'absolute', top: 8, insetInlineEnd: 8 }} data-testid="camera-close">
            {t('sampler.camera.close')}
          </Button>
        </div>
      )}
    </div>
  );
}
