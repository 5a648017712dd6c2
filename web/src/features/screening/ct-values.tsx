// Ct values of a result: ORF1ab and N (lower = more virus); `—` when none.
import { Typography } from 'antd';

export function CtValues({ orf1ab, n }: { orf1ab: number | null; n: number | null }) {
  if (orf1ab === null && n === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text style={{ whiteSpace: 'nowrap' }}>
      ORF1ab {orf1ab ?? '—'} · N {n ?? '—'}
    </Typography.Text>
  );
}
