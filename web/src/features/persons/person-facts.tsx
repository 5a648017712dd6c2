// The facts of one person as a description list.
import { Descriptions, Typography } from 'antd';
import { ID_TYPE_LABELS, RESIDENCE_LABELS } from '../../../../domain/persons.ts';
import type { PersonDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ageOn, localDay } from './person-format.ts';
import { PersonTags } from './person-tags.tsx';
import { PersonStatusTag } from './persons-table.tsx';

export function PersonFacts({ person }: { person: PersonDetail }) {
  const { t, label, lang } = useI18n();
  const none = t('common.none');
  const age = ageOn(person.birthDate, localDay());
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="person-facts">
      <Descriptions.Item label={t('persons.idType')}>{label(ID_TYPE_LABELS[person.idType], person.idType)}</Descriptions.Item>
      <Descriptions.Item label={t('persons.idNumber')}>
        <Typography.Text code copyable={!person.masked} data-testid="person-id-number">
          {person.idNumber}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.phone')}>
        <span data-testid="person-phone">{person.phone ?? none}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.sex')}>{person.sex ? t(`persons.sex.${person.sex}`) : none}</Descriptions.Item>
      <Descriptions.Item label={t('persons.birthDate')}>
        {person.birthDate ?? none}
        {age !== null && ` (${t('persons.ageValue', { age })})`}
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.residenceType')}>{label(RESIDENCE_LABELS[person.residenceType], person.residenceType)}</Descriptions.Item>
      <Descriptions.Item label={t('persons.household')}>
        {person.householdCode ? `${person.householdName} · ${person.householdCode}` : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.status')}>
        <PersonStatusTag status={person.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.confirmedAt')}>{person.confirmedAt ? fmt.format(new Date(person.confirmedAt)) : none}</Descriptions.Item>
      <Descriptions.Item label={t('persons.tags')} span={{ xs: 1, sm: 2, xl: 3 }}>
        {person.tags.length ? <PersonTags tags={person.tags} /> : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('persons.needs')} span={{ xs: 1, sm: 2, xl: 3 }}>
        {person.needs ?? none}
      </Descriptions.Item>
    </Descriptions>
  );
}
