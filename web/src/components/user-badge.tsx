// Header block: user name and role labels (with the place each role is scoped to).
import { Space, Tag, Tooltip, Typography } from 'antd';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import type { User } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function UserBadge({ user, compact }: { user: User; compact?: boolean }) {
  const { t, label } = useI18n();
  return (
    <Space size={4} wrap={false} data-testid="user-badge">
      <Typography.Text strong>{user.displayName || user.username}</Typography.Text>
      {!compact &&
        user.assignments.map((a) => (
          <Tooltip key={`${a.role}:${a.placeId ?? '*'}`} title={a.placeName ?? t('header.wholeTree')}>
            <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
              {label(ROLE_LABELS[a.role], a.role)}
              {a.placeName ? ` · ${a.placeName}` : ''}
            </Tag>
          </Tooltip>
        ))}
    </Space>
  );
}
