// A list of tube codes as tags in one colour (missing in red, unexpected in orange, found in green).
import { Space, Tag } from 'antd';
import type { ReactNode } from 'react';

export function TubeCodeTags({ codes, color, testId, icon }: { codes: readonly string[]; color: string; testId: string; icon?: ReactNode }) {
  return (
    <Space size={[4, 4]} wrap data-testid={testId} data-count={codes.length}>
      {codes.map((c) => (
        <Tag key={c} color={color} icon={icon} data-code={c} style={{ fontFamily: 'monospace', fontSize: 13, marginInlineEnd: 0 }}>
          {c}
        </Tag>
      ))}
    </Space>
  );
}
