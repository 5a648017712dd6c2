// The four outcomes of a door knock as big buttons, two by two, for one thumb.
import { Button, Col, Row } from 'antd';
import { CENSUS_OUTCOMES, type CensusOutcome } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const COLORS: Record<CensusOutcome, string> = { present: '#389e0d', absent: '#d48806', vacant: '#595959', refused: '#cf1322' };

export function OutcomeButtons({ value, onChange }: { value?: CensusOutcome; onChange: (o: CensusOutcome) => void }) {
  const { t } = useI18n();
  return (
    <Row gutter={[8, 8]} data-testid="outcome-buttons">
      {CENSUS_OUTCOMES.map((o) => {
        const active = value === o;
        return (
          <Col span={12} key={o}>
            <Button
              block
              size="large"
              data-testid={`outcome-${o}`}
              aria-pressed={active}
              onClick={() => onChange(o)}
              style={{
                height: 56,
                fontSize: 18,
                fontWeight: 600,
                color: active ? '#fff' : COLORS[o],
                background: active ? COLORS[o] : undefined,
                borderColor: COLORS[o],
              }}
            >
              {t(`census.outcome.${o}`)}
            </Button>
          </Col>
        );
      })}
    </Row>
  );
}
