// People: create-or-update by identity, masked presentation, audited unmask, scoped search.
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import { keyedHash } from '../../platform/passwords.ts';
import type { Db, Queryable, Tx } from '../../platform/db.ts';
import { identityKey, normalizePhone, validatePerson, type PersonFields, type ValidPerson } from '../../../domain/persons.ts';
import { maskIdNumber, maskPhone } from '../../../domain/id-card.ts';
import { dayInZone } from '../../../domain/time.ts';
import { findPlaceRowByCode, findPlaceRowById } from '../places/service.ts';
import { entityHistory } from '../audit/service.ts';
import * as repo from './repo.ts';
import { applyRollup, campaignStart, personDeltas, type RollupDelta } from '../census/rollup.ts';

export interface PersonsDeps {
  db: Db;
  clock: () => Date;
  secret: string;
  timeZone: string;
}

/** The one place a person row becomes a response: ID number and phone masked unless `unmask`. */
export function presentPerson(r: repo.PersonRow, unmask = false) {
  return {
    id: r.id,
    idType: r.id_type,
    idNumber: unmask ? r.id_number : maskIdNumber(r.id_number),
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone ? (unmask ? r.phone : maskPhone(r.phone)) : null,
    householdId: r.household_id,
    householdCode: r.household_code,
    householdName: r.household_name,
    residenceType: r.residence_type,
    tags: r.tags ?? [],
    needs: r.needs,
    status: r.status,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    masked: !unmask,
  };
}
export type PresentedPerson = ReturnType<typeof presentPerson>;

export interface PendingPerson {
  data: repo.PersonRowInput;
  householdPath: string | null;
}

/**
 * Upserts people by identity and keeps the coverage rollup in step: a person who moves household
 * or comes back active changes the counts of the places above both households.
 */
export async function upsertCounted(tx: Tx, rows: PendingPerson[], now: Date, known?: Map<string, repo.StoredState>) {
  const before = known ?? (await repo.statesByHashes(tx, rows.map((r) => r.data.id_hash)));
  const result = await repo.upsertPersons(tx, rows.map((r) => r.data), now);
  const since = await campaignStart(tx);
  const deltas: RollupDelta[] = [];
  for (const r of rows) {
    const b = before.get(r.data.id_hash) ?? null;
    const prior = b ? { householdPath: b.household_path, active: b.status === 'active', confirmedAt: b.confirmed_at } : null;
    deltas.push(...personDeltas(prior, { householdPath: r.householdPath ?? b?.household_path ?? null, active: true, confirmedAt: b?.confirmed_at ?? null }, since));
  }
  await applyRollup(tx, deltas);
  return result;
}

export const idHashOf = (secret: string, p: Pick<ValidPerson, 'idType' | 'idNumber'>) => keyedHash(secret, identityKey(p.idType, p.idNumber));
export const phoneHashOf = (secret: string, phone: string) => keyedHash(secret, `phone:${phone}`);

export function toRow(secret: string, p: ValidPerson, householdId: number | null): repo.PersonRowInput {
  return {
    id_type: p.idType,
    id_number: p.idNumber,
    id_hash: idHashOf(secret, p),
    name: p.name,
    sex: p.sex,
    birth_date: p.birthDate,
    phone: p.phone,
    phone_hash: p.phone ? phoneHashOf(secret, p.phone) : null,
    household_id: householdId,
    residence_type: p.residenceType,
    tags: p.tags,
    needs: p.needs,
  };
}

const personNotFound = (id: number) => notFound('PERSON_NOT_FOUND', `No person ${id} in your scope`);

export function today(deps: Pick<PersonsDeps, 'clock' | 'timeZone'>): string {
  return dayInZone(deps.clock(), deps.timeZone);
}

/** A household place in the caller's scope, by id or code; null when not given. */
export async function resolveHousehold(db: Queryable, scope: Scope, ref: { id?: number | null; code?: string | null }) {
  if (ref.id == null && !ref.code) return null;
  const place = ref.id != null ? await findPlaceRowById(db, ref.id) : await findPlaceRowByCode(db, ref.code!);
  if (!place || place.kind !== 'household' || !pathInScope(scope, place.path))
    throw badRequest('PERSON_HOUSEHOLD_UNKNOWN', `Unknown household ${ref.code ?? ref.id}`);
  return place;
}

export async function getPerson(deps: PersonsDeps, actor: Actor, scope: Scope, id: number, unmask: { requested: boolean; allowed: boolean }) {
  const r = await repo.findPerson(deps.db.kysely, scope, id);
  if (!r) throw personNotFound(id);
  if (unmask.requested) {
    if (!unmask.allowed) throw forbidden('PERSON_UNMASK_DENIED', 'Showing full ID numbers and phones needs the persons.unmask permission');
    await deps.db.kysely.transaction().execute((tx) =>
      recordAudit(tx, actor, deps.clock(), { action: 'person.unmask', entity: 'person', entityId: id, placePath: r.household_path }),
    );
  }
  const members = r.household_id ? await repo.householdMembers(deps.db.kysely, r.household_id) : [];
  const history = await entityHistory(deps.db, 'person', String(id), 50);
  return {
    ...presentPerson(r, unmask.requested),
    household: members.map((m) => presentPerson(m, false)),
    history,
  };
}

export interface PersonInput extends PersonFields {
  householdId?: number | null;
  householdCode?: string | null;
}

/**
 * Create, or update the person with the same document type and number (one person, one record),
 * inside the caller's transaction (the census records added people in its own).
 */
export async function upsertPersonInTx(
  deps: PersonsDeps,
  tx: Tx,
  actor: Actor,
  scope: Scope,
  input: PersonInput,
  now: Date,
): Promise<{ id: number; created: boolean }> {
  const v = validatePerson(input, today(deps));
  if (!v.ok) throw badRequest(v.code, v.message);
  const household = await resolveHousehold(tx, scope, { id: input.householdId, code: input.householdCode });
  // Someone registered without a household is visible to the whole tree only: an area's staff
  // would create a record they could not see again.
  if (!household && !scope.all) throw badRequest('PERSON_HOUSEHOLD_REQUIRED', 'Give the household (in your area) the person lives in');
  const row = toRow(deps.secret, v.person, household?.id ?? null);
  const before = await repo.findPersonByHash(tx, row.id_hash);
  // Updating someone who lives outside the caller's scope would leak and overwrite their record.
  if (before && !scope.all && !(before.household_path && pathInScope(scope, before.household_path)))
    throw badRequest('PERSON_OUT_OF_SCOPE', 'This person is registered outside your area; ask their district to update the record');
  const [r] = await upsertCounted(tx, [{ data: row, householdPath: household?.path ?? null }], now);
  await recordAudit(tx, actor, now, {
    action: r.inserted ? 'person.create' : 'person.update',
    entity: 'person',
    entityId: r.id,
    placePath: household?.path ?? before?.household_path ?? null,
    before: before ? presentPerson(before) : undefined,
    after: { ...row, id_number: maskIdNumber(row.id_number), phone: row.phone ? maskPhone(row.phone) : null, id_hash: undefined, phone_hash: undefined },
  });
  return { id: r.id, created: r.inserted };
}

export async function savePerson(deps: PersonsDeps, actor: Actor, scope: Scope, input: PersonInput) {
  const now = deps.clock();
  const { id, created } = await deps.db.kysely.transaction().execute((tx) => upsertPersonInTx(deps, tx, actor, scope, input, now));
  const saved = await repo.findPerson(deps.db.kysely, { all: true }, id);
  return { created, person: presentPerson(saved!) };
}

export interface PersonPatch {
  name?: string;
  phone?: string | null;
  householdId?: number | null;
  residenceType?: string;
  tags?: string[];
  needs?: string | null;
  status?: 'active' | 'moved_out';
}

export async function updatePerson(deps: PersonsDeps, actor: Actor, scope: Scope, id: number, patch: PersonPatch) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const before = await repo.findPerson(tx, scope, id);
    if (!before) throw personNotFound(id);
    const merged = validatePerson(
      {
        idType: before.id_type,
        idNumber: before.id_number,
        name: patch.name ?? before.name,
        sex: before.sex,
        birthDate: before.birth_date,
        phone: patch.phone === undefined ? before.phone : patch.phone,
        tags: patch.tags ?? before.tags,
        residenceType: patch.residenceType ?? before.residence_type,
        needs: patch.needs === undefined ? before.needs : patch.needs,
      },
      today(deps),
    );
    if (!merged.ok) throw badRequest(merged.code, merged.message);
    const household = patch.householdId === undefined ? undefined : await resolveHousehold(tx, scope, { id: patch.householdId });
    const p = merged.person;
    await repo.updatePersonFields(
      tx,
      id,
      {
        name: p.name,
        phone: p.phone,
        phone_hash: p.phone ? phoneHashOf(deps.secret, p.phone) : null,
        tags: p.tags,
        residence_type: p.residenceType,
        needs: p.needs,
        ...(household === undefined ? {} : { household_id: household?.id ?? null }),
        ...(patch.status ? { status: patch.status } : {}),
      },
      now,
    );
    const after = await repo.findPerson(tx, { all: true }, id);
    const state = (r: repo.PersonRow) => ({ householdPath: r.household_path, active: r.status === 'active', confirmedAt: r.confirmed_at });
    await applyRollup(tx, personDeltas(state(before), state(after!), await campaignStart(tx)));
    await recordAudit(tx, actor, now, { action: 'person.update', entity: 'person', entityId: id, placePath: after!.household_path, before: presentPerson(before), after: presentPerson(after!) });
  });
  return presentPerson((await repo.findPerson(deps.db.kysely, { all: true }, id))!);
}

export interface PersonQuery {
  q?: string; // a name prefix, a full ID number or a phone number
  placeId?: number;
  tag?: string;
  status?: string;
  limit: number;
  offset: number;
}

/** One search box: an ID number or phone goes through its keyed hash; anything else is a name prefix. */
export async function searchPersons(deps: PersonsDeps, scope: Scope, query: PersonQuery) {
  const f: repo.PersonFilter = { limit: query.limit, offset: query.offset, tag: query.tag, status: query.status };
  if (query.placeId) {
    const place = await findPlaceRowById(deps.db.kysely, query.placeId);
    if (!place || !pathInScope(scope, place.path)) throw notFound('PLACE_NOT_FOUND', `No place ${query.placeId} in your scope`);
    f.placePath = place.path;
  }
  const q = query.q?.trim();
  const upper = q?.toUpperCase() ?? '';
  let idHashes: string[] = [];
  if (!q) {
    /* no text: filters only */
  } else if (/^\d{17}[\dX]$/.test(upper)) idHashes = [keyedHash(deps.secret, identityKey('id_card', upper))];
  else if (/^[\d\s+-]{7,}$/.test(q) && normalizePhone(q)) f.phoneHash = phoneHashOf(deps.secret, normalizePhone(q)!);
  else if (/^[A-Z0-9()-]{6,30}$/.test(upper) && /\d/.test(upper))
    // A passport or permit number: it may belong to any non-ID-card document type.
    idHashes = (['passport', 'hk_mo_tw', 'other'] as const).map((t) => keyedHash(deps.secret, identityKey(t, upper)));
  else f.name = q;
  if (idHashes.length === 0) return (await repo.searchPersons(deps.db.kysely, scope, f)).map((r) => presentPerson(r));
  const rows = [];
  for (const idHash of idHashes) rows.push(...(await repo.searchPersons(deps.db.kysely, scope, { ...f, idHash })));
  return rows.map((r) => presentPerson(r));
}

/** For the census: the household's people, and marking them seen or moved out. */
export async function householdPeople(db: Queryable, householdId: number) {
  return (await repo.householdMembers(db, householdId)).map((r) => presentPerson(r));
}
export async function confirmSeen(tx: Tx, ids: number[], at: Date) {
  await repo.confirmPersons(tx, ids, at);
}
export async function markMovedOut(tx: Tx, ids: number[], at: Date) {
  for (const id of ids) await repo.updatePersonFields(tx, id, { status: 'moved_out' }, at);
}
