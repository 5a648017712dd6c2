// Form fields of a person: identity (only when creating) and the editable facts.
import { Form, Input, Select } from 'antd';
import { ID_TYPE_LABELS, ID_TYPES, RESIDENCE_LABELS, RESIDENCE_TYPES, type IdType } from '../../../../domain/persons.ts';
import { parseIdCard } from '../../../../domain/id-card.ts';
import type { PersonStatus, PlaceSummary } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { PlaceTreeSelect } from '../places/place-tree-select.tsx';
import { localDay } from './person-format.ts';
import { useTagOptions } from './person-tags.tsx';

/** Checks a 身份证 number as the server will (GB 11643), so a typo shows before sending. */
export function useIdNumberRule() {
  const { t } = useI18n();
  return ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_: unknown, v: string | undefined) => {
      if (!v || (getFieldValue('idType') ?? 'id_card') !== 'id_card') return;
      const r = parseIdCard(v.trim(), localDay());
      if (r.ok) return;
      const key = `error.${r.error}`;
      throw new Error(hasMessage(key) ? t(key) : r.message);
    },
  });
}

/** `householdRequired` for users scoped below the whole tree: without a household the new person
 * would be outside their own scope (and invisible to them). */
const isHousehold = (p: PlaceSummary) => p.kind === 'household';

export function IdentityFields({ householdRequired }: { householdRequired: boolean }) {
  const { t, label } = useI18n();
  const idRule = useIdNumberRule();
  return (
    <>
      <Form.Item name="idType" label={t('persons.idType')}>
        <Select<IdType> options={ID_TYPES.map((k) => ({ value: k, label: label(ID_TYPE_LABELS[k], k) }))} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }, idRule]}>
        <Input data-testid="person-form-id" autoComplete="off" inputMode="text" />
      </Form.Item>
      <Form.Item
        name="householdId"
        label={t('persons.household')}
        extra={t('persons.householdPick')}
        rules={[{ required: householdRequired, message: t('persons.householdRequired') }]}
      >
        <PlaceTreeSelect testId="person-form-household" selectable={isHousehold} />
      </Form.Item>
    </>
  );
}

export function FactFields({ phoneExtra, withStatus }: { phoneExtra?: string; withStatus?: boolean }) {
  const { t, label } = useI18n();
  const tagOptions = useTagOptions();
  const statuses: PersonStatus[] = ['active', 'moved_out'];
  return (
    <>
      <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input data-testid="person-form-name" maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('persons.phone')} extra={phoneExtra}>
        <Input data-testid="person-form-phone" inputMode="tel" maxLength={30} />
      </Form.Item>
      <Form.Item name="tags" label={t('persons.tags')}>
        <Select mode="multiple" allowClear options={tagOptions} data-testid="person-form-tags" />
      </Form.Item>
      <Form.Item name="needs" label={t('persons.needs')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="residenceType" label={t('persons.residenceType')}>
        <Select options={RESIDENCE_TYPES.map((k) => ({ value: k, label: label(RESIDENCE_LABELS[k], k) }))} />
      </Form.Item>
      {withStatus && (
        <Form.Item name="status" label={t('persons.status')}>
          <Select options={statuses.map((s) => ({ value: s, label: t(`persons.status.${s}`) }))} />
        </Form.Item>
      )}
    </>
  );
}
