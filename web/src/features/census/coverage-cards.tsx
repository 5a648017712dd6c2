// Phone view of the children of a place: one tappable card each with its coverage bars.
import { RightOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CoverageCounts } from '../../api/types.ts';
import { PlaceKindTag } from '../places/place-kind-tag.tsx';
import { CoverageBars } from './coverage-bars.tsx';

export function CoverageCard({ c, to }: { c: CoverageCounts; to: string }) {
  return (
    <Link to={to} data-testid="coverage-card" data-place-id={c.id} data-name={c.name} style={{ display: 'block' }}>
      <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
        <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 6 }}>
          <Space size={6}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {c.name}
            </Typography.Text>
            <PlaceKindTag kind={c.kind} />
          </Space>
          <RightOutlined />
        </Space>
        <CoverageBars c={c} />
      </Card>
    </Link>
  );
}

export function CoverageCards({ items, linkOf }: { items: CoverageCounts[]; linkOf: (c: CoverageCounts) => string }) {
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="coverage-cards">
      {items.map((c) => (
        <CoverageCard key={c.id} c={c} to={linkOf(c)} />
      ))}
    </Space>
  );
}
