// Special-group tags as coloured AntD tags, labelled from domain/persons.ts.
import { Tag } from 'antd';
import { SPECIAL_GROUP_TAGS, TAG_LABELS, type SpecialGroupTag } from '../../../../domain/persons.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export const TAG_COLORS: Record<SpecialGroupTag, string> = {
  elderly_alone: 'orange',
  bedridden: 'red',
  disabled: 'purple',
  pregnant: 'magenta',
  dialysis: 'volcano',
  chronic: 'gold',
  infant: 'cyan',
};

export function PersonTag({ tag }: { tag: SpecialGroupTag }) {
  const { label } = useI18n();
  return (
    <Tag color={TAG_COLORS[tag]} style={{ marginInlineEnd: 4 }}>
      {label(TAG_LABELS[tag], tag)}
    </Tag>
  );
}

export function PersonTags({ tags }: { tags: readonly SpecialGroupTag[] }) {
  return (
    <span data-testid="person-tags">
      {tags.map((t) => (
        <PersonTag key={t} tag={t} />
      ))}
    </span>
  );
}

/** Options for a Select of special-group tags in the current language. */
export function useTagOptions() {
  const { label } = useI18n();
  return SPECIAL_GROUP_TAGS.map((t) => ({ value: t, label: label(TAG_LABELS[t], t) }));
}
