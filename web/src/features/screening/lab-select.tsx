// The lab receiving the boxes: the labs (facilities of kind lab) in the caller's scope. The last
// choice is kept on this device, a lab bench uses one lab.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect } from 'react';
import type { FacilitySummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { facilitiesInPlaceQuery } from '../facilities/facilities-api.ts';
import { rootsQuery } from '../places/places-api.ts';

const STORAGE_KEY = 'cordon.lab';

export function rememberedLab(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

interface Props {
  value?: string;
  onChange: (labCode: string) => void;
}

export function LabSelect({ value, onChange }: Props) {
  const { t } = useI18n();
  const roots = useQuery(rootsQuery());
  const pages = useQueries({
    queries: (roots.data?.items ?? []).map((r) => facilitiesInPlaceQuery(r.id, { kind: 'lab', limit: 500, offset: 0 })),
  });
  const labs = new Map<string, FacilitySummary>();
  for (const p of pages) for (const f of p.data?.items ?? []) labs.set(f.code, f);
  const list = [...labs.values()];
  const known = !!value && labs.has(value);
  useEffect(() => {
    // The remembered lab is gone (another scope) or none yet: take the only one there is.
    if (!known && list.length === 1) onChange(list[0].code);
  }, [known, list.length]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Select
      data-testid="lab-select"
      style={{ minWidth: 260, width: '100%' }}
      showSearch
      optionFilterProp="label"
      loading={roots.isPending || pages.some((p) => p.isPending)}
      placeholder={t('screening.chooseLab')}
      value={known ? value : undefined}
      onChange={(code: string) => {
        try {
          localStorage.setItem(STORAGE_KEY, code);
        } catch {
          /* private mode */
        }
        onChange(code);
      }}
      options={list.map((f) => ({ value: f.code, label: `${f.name}（${f.placeName}）` }))}
    />
  );
}
