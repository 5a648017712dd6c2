// "新增人员" (POST /api/persons: creates, or updates the person with the same document) and "编辑"
// (PATCH /api/persons/:id with the changed fields only).
import { App, Form, Modal } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { IdType, ResidenceType, SpecialGroupTag } from '../../../../domain/persons.ts';
import type { Id, Person, PersonPatch, PersonStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useMe } from '../auth/use-auth.ts';
import { FactFields, IdentityFields } from './person-form-fields.tsx';
import { useSavePerson, useUpdatePerson } from './persons-api.ts';

interface Values {
  idType: IdType;
  idNumber: string;
  householdId?: Id;
  name: string;
  phone?: string;
  tags?: SpecialGroupTag[];
  needs?: string;
  residenceType: ResidenceType;
  status: PersonStatus;
}

/** What the person page shows after a save: whether POST created someone or met an existing record. */
export interface SavedState {
  saved: 'created' | 'updated';
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function patchOf(p: Person, v: Values): PersonPatch {
  const patch: PersonPatch = {};
  if (v.name.trim() !== p.name) patch.name = v.name.trim();
  // A masked phone is not the real number: an empty box keeps it, a typed one replaces it.
  const phone = blank(v.phone);
  if (p.masked ? phone !== null : phone !== p.phone) patch.phone = phone;
  if ((v.tags ?? []).join() !== p.tags.join()) patch.tags = v.tags ?? [];
  if (blank(v.needs) !== p.needs) patch.needs = blank(v.needs);
  if (v.residenceType !== p.residenceType) patch.residenceType = v.residenceType;
  if (v.status !== p.status) patch.status = v.status;
  return patch;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Edit this person; without it the modal adds one. */
  person?: Person;
  onSaved?: () => void;
}

export function PersonFormModal({ open, onClose, person, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const save = useSavePerson();
  const update = useUpdatePerson(person?.id ?? 0);
  const wholeTree = !!useMe().data?.assignments.some((a) => a.placeId === null);

  const submit = async () => {
    const v = await form.validateFields();
    if (person) {
      const patch = patchOf(person, v);
      if (Object.keys(patch).length > 0) await update.mutateAsync(patch);
      onSaved?.();
      void message.success(t('persons.saved', { name: v.name.trim() }));
      onClose();
      return;
    }
    const res = await save.mutateAsync({
      idType: v.idType,
      idNumber: v.idNumber.trim(),
      name: v.name.trim(),
      phone: blank(v.phone),
      householdId: v.householdId ?? null,
      tags: v.tags ?? [],
      needs: blank(v.needs),
      residenceType: v.residenceType,
    });
    const name = res.person.name;
    if (res.created) void message.success(t('persons.created', { name }));
    else void message.info(t('persons.updatedExisting', { name }));
    form.resetFields();
    onClose();
    navigate(`/persons/${res.person.id}`, { state: { saved: res.created ? 'created' : 'updated' } satisfies SavedState });
  };

  const initial: Partial<Values> = person
    ? {
        name: person.name,
        phone: person.masked ? undefined : (person.phone ?? undefined),
        tags: person.tags,
        needs: person.needs ?? undefined,
        residenceType: person.residenceType,
        status: person.status,
      }
    : { idType: 'id_card', residenceType: 'permanent', tags: [] };

  return (
    <Modal
      open={open}
      title={person ? t('persons.editTitle', { name: person.name }) : t('persons.create')}
      okText={person ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending || update.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      data-testid="person-form-modal"
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false}>
        {!person && <IdentityFields householdRequired={!wholeTree} />}
        <FactFields withStatus={!!person} phoneExtra={person?.masked && person.phone ? t('persons.phoneKeep', { phone: person.phone }) : undefined} />
      </Form>
    </Modal>
  );
}
