// Chain of custody of a tube or box: the timestamped events (collected, boxed, handed, received,
// reported…), oldest first.
import { Timeline, Typography } from 'antd';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import type { CustodyEventView } from './screening-api.ts';
import { fullTime } from './screening-format.ts';

const COLORS: Record<string, string> = {
  collected: '#1677ff',
  tube_sealed: '#1677ff',
  tube_boxed: '#13a8a8',
  box_sealed: '#13a8a8',
  box_handed: '#722ed1',
  box_received: '#389e0d',
  tube_received: '#389e0d',
  tube_missing: '#cf1322',
  tube_unexpected: '#d46b08',
  reported: '#389e0d',
};

/** A short line of an event's details (box code, lab, result…). */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function CustodyTimeline({ events }: { events: CustodyEventView[] }) {
  const { t } = useI18n();
  const name = (kind: string) => {
    const key = `screening.event.${kind}`;
    return hasMessage(key) ? t(key) : kind;
  };
  return (
    <Timeline
      data-testid="custody-timeline"
      items={events.map((e, i) => ({
        key: i,
        color: COLORS[e.kind] ?? '#8c8c8c',
        children: (
          <div data-testid="custody-event" data-kind={e.kind}>
            <Typography.Text strong>{name(e.kind)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {fullTime(e.at)}
              {e.actor ? ` · ${e.actor}` : ''}
            </Typography.Text>
            {detailText(e.detail) && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {detailText(e.detail)}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
