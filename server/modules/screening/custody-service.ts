// Chain of custody (送): tube → box (箱码) → courier hand-off → lab receipt, each a timestamped
// event. A tube is in one box at most, a box is received once, and what a lab finds missing or
// unexpected when it opens a box is recorded, not dropped.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { maskIdNumber } from '../../../domain/id-card.ts';
import * as repo from './custody-repo.ts';
import { insertCustodyEvents, sitesByCodes } from './sample-repo.ts';
import type { ScreeningDeps } from './round-service.ts';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

async function tubeInScope(db: Queryable, scope: Scope, code: string) {
  const t = await repo.tubeByCode(db, code);
  if (!t || !pathInScope(scope, t.path)) throw notFound('TUBE_NOT_FOUND', `No tube ${code} in your scope`);
  return t;
}

async function boxInScope(db: Queryable, scope: Scope, code: string) {
  const b = await repo.boxByCode(db, code);
  if (!b || !pathInScope(scope, b.path)) throw notFound('BOX_NOT_FOUND', `No box ${code} in your scope`);
  return b;
}

const presentEvents = (events: Awaited<ReturnType<typeof repo.eventsOf>>) => events.map((e) => ({ kind: e.kind, at: new Date(e.at).toISOString(), actor: e.actor, detail: e.detail ?? null }));

/** The custody view of one tube: where it has been, who is in it (masked), its result. */
export async function tubeView(deps: ScreeningDeps, scope: Scope, code: string) {
  const db = deps.db.kysely;
  const t = await tubeInScope(db, scope, code);
  const [people, events, last] = await Promise.all([repo.tubePeople(db, t.id), repo.eventsOf(db, { tubeId: t.id, boxId: t.box_id ?? undefined }), repo.latestResult(db, t.id)]);
  return {
    code: t.code,
    roundId: t.round_id,
    roundName: t.round_name,
    kind: t.kind,
    capacity: t.capacity,
    members: t.members,
    sealed: t.sealed_at !== null,
    siteName: t.site_name,
    boxCode: t.box_code,
    labName: t.lab_name,
    collectedAt: iso(t.collected_at)!,
    boxedAt: iso(t.boxed_at),
    receivedAt: iso(t.received_at),
    reportedAt: iso(t.reported_at),
    result: t.result,
    ctOrf1ab: last?.ct_orf1ab ?? null,
    ctN: last?.ct_n ?? null,
    people: people.map((p) => ({ slot: p.slot, personId: p.person_id, name: p.name, idNumber: maskIdNumber(p.id_number), collectedAt: iso(p.collected_at)!, repeat: p.repeat })),
    events: withFillSeal(presentEvents(events), t.sealed_at, t.members),
  };
}

type EventView = ReturnType<typeof presentEvents>[number];

/** A tube that closed by filling up has no event row (registration writes none per tube): show it from sealed_at. */
function withFillSeal(events: EventView[], sealedAt: Date | null, members: number): EventView[] {
  if (!sealedAt || events.some((e) => e.kind === 'tube_sealed')) return events;
  const at = new Date(sealedAt).toISOString();
  return [...events, { kind: 'tube_sealed', at, actor: null, detail: { members } }].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Closes a tube before it is full (the last person of a household, the end of a shift). */
export async function sealTube(deps: ScreeningDeps, actor: Actor, scope: Scope, code: string) {
  const db = deps.db.kysely;
  const t = await tubeInScope(db, scope, code);
  if (t.sealed_at === null) {
    const now = deps.clock();
    await db.transaction().execute(async (tx) => {
      await repo.sealTube(tx, t.id, now);
      await insertCustodyEvents(tx, [{ round_id: t.round_id, box_id: null, tube_id: t.id, kind: 'tube_sealed', at: now, actor_id: actor.userId, detail: { members: t.members } }]);
      await recordAudit(tx, actor, now, { action: 'screening.tube.seal', entity: 'tube', entityId: t.id, placePath: t.path, after: { code, members: t.members } });
    });
  }
  return tubeView(deps, scope, code);
}

export async function boxView(deps: ScreeningDeps, scope: Scope, code: string) {
  const db = deps.db.kysely;
  const b = await boxInScope(db, scope, code);
  const [tubes, events] = await Promise.all([repo.tubesOfBox(db, b.id), repo.eventsOf(db, { boxId: b.id })]);
  return {
    code: b.code,
    roundId: b.round_id,
    siteName: b.site_name,
    tubes: b.tubes,
    sealedAt: iso(b.sealed_at)!,
    handedAt: iso(b.handed_at),
    courier: b.courier,
    receivedAt: iso(b.received_at),
    labName: b.lab_name,
    tubeCodes: tubes.map((t) => ({ code: t.code, members: t.members, result: t.result, receivedAt: iso(t.received_at) })),
    events: presentEvents(events).filter((e) => e.kind.startsWith('box_') || e.kind === 'tube_missing' || e.kind === 'tube_unexpected'),
  };
}

/** Seals a box with its tubes (boxing seals an open tube). */
export async function createBox(deps: ScreeningDeps, actor: Actor, scope: Scope, input: { code: string; siteCode?: string; tubeCodes: string[] }) {
  const db = deps.db.kysely;
  const codes = [...new Set(input.tubeCodes)];
  let site: { id: number; path: string } | null = null;
  if (input.siteCode) {
    const s = (await sitesByCodes(db, [input.siteCode]))[0];
    if (!s || s.kind !== 'sampling_site' || !pathInScope(scope, s.path)) throw badRequest('SAMPLE_SITE_UNKNOWN', `${input.siteCode} is not a sampling site in your area`);
    site = s;
  }
  const now = deps.clock();
  await db.transaction().execute(async (tx) => {
    if (await repo.boxByCode(tx, input.code)) throw conflict('BOX_CODE_TAKEN', `Box ${input.code} exists already`);
    const tubes = await repo.lockTubesForBox(tx, codes);
    const known = new Set(tubes.filter((t) => pathInScope(scope, t.path)).map((t) => t.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw badRequest('TUBE_UNKNOWN', `Tubes not registered in your area: ${unknown.slice(0, 20).join(', ')}`, { tubes: unknown });
    const boxed = tubes.filter((t) => t.box_id !== null);
    if (boxed.length) throw conflict('TUBE_ALREADY_BOXED', `Tubes already in a box: ${boxed.slice(0, 20).map((t) => t.code).join(', ')}`, { tubes: boxed.map((t) => t.code) });
    const rounds = new Set(tubes.map((t) => t.round_id));
    if (rounds.size > 1) throw badRequest('BOX_ROUNDS_MIXED', 'A box holds tubes of one round');
    const roundId = tubes[0].round_id;
    const { id } = await repo.insertBox(tx, { code: input.code, round_id: roundId, site_id: site?.id ?? null, path: site?.path ?? commonPath(tubes.map((t) => t.path)), tubes: tubes.length, sealed_at: now });
    await repo.boxTubes(tx, id, tubes.map((t) => t.id), now);
    await insertCustodyEvents(tx, [
      { round_id: roundId, box_id: id, tube_id: null, kind: 'box_sealed', at: now, actor_id: actor.userId, detail: { tubes: tubes.length } },
      ...tubes.map((t) => ({ round_id: roundId, box_id: id, tube_id: t.id, kind: 'tube_boxed', at: now, actor_id: actor.userId, detail: { box: input.code } })),
    ]);
    await recordAudit(tx, actor, now, { action: 'screening.box.seal', entity: 'box', entityId: id, placePath: site?.path ?? null, after: { code: input.code, tubes: codes } });
  });
  return boxView(deps, scope, input.code);
}

/** The longest path every tube shares: the box is seen by whoever sees all its tubes. */
function commonPath(paths: string[]): string {
  let common = paths[0];
  for (const p of paths) while (!p.startsWith(common)) common = common.replace(/[^/]+\/$/, '');
  return common || '/';
}

export async function handOffBox(deps: ScreeningDeps, actor: Actor, scope: Scope, code: string, courier: string) {
  const db = deps.db.kysely;
  const b = await boxInScope(db, scope, code);
  const now = deps.clock();
  await db.transaction().execute(async (tx) => {
    const state = await repo.lockBox(tx, b.id);
    if (state.received_at) throw conflict('BOX_ALREADY_RECEIVED', `Box ${code} was received by a lab already`);
    if (state.handed_at) throw conflict('BOX_ALREADY_HANDED', `Box ${code} was handed to a courier already`);
    await repo.handOff(tx, b.id, courier.trim(), now);
    await insertCustodyEvents(tx, [{ round_id: b.round_id, box_id: b.id, tube_id: null, kind: 'box_handed', at: now, actor_id: actor.userId, detail: { courier: courier.trim() } }]);
    await recordAudit(tx, actor, now, { action: 'screening.box.handoff', entity: 'box', entityId: b.id, placePath: b.path, after: { code, courier: courier.trim() } });
  });
  return boxView(deps, scope, code);
}

/**
 * A lab receives a box once. When it scans the tubes it took out, tubes listed on the box but not
 * scanned are recorded missing, scanned tubes that are not on the box are recorded unexpected.
 */
export async function receiveBox(deps: ScreeningDeps, actor: Actor, scope: Scope, code: string, input: { labCode: string; tubeCodes?: string[] }) {
  const db = deps.db.kysely;
  const b = await boxInScope(db, scope, code);
  const lab = await repo.labByCode(db, input.labCode);
  if (!lab || lab.kind !== 'lab' || !pathInScope(scope, lab.path)) throw badRequest('LAB_UNKNOWN', `${input.labCode} is not a lab in your area`);
  const now = deps.clock();
  const outcome = await db.transaction().execute(async (tx) => {
    const state = await repo.lockBox(tx, b.id);
    if (state.received_at) throw conflict('BOX_ALREADY_RECEIVED', `Box ${code} was received on ${new Date(state.received_at).toISOString()}`);
    const listed = await repo.tubesOfBox(tx, b.id);
    const scanned = input.tubeCodes ? new Set(input.tubeCodes) : new Set(listed.map((t) => t.code));
    const arrived = listed.filter((t) => scanned.has(t.code));
    const missing = listed.filter((t) => !scanned.has(t.code));
    const listedCodes = new Set(listed.map((t) => t.code));
    const unexpectedCodes = [...scanned].filter((c) => !listedCodes.has(c));
    const unexpectedKnown = await repo.tubesByCodes(tx, unexpectedCodes);
    await repo.receiveBox(tx, b.id, lab.id, actor.userId, now, arrived.map((t) => t.id));
    await insertCustodyEvents(tx, [
      { round_id: b.round_id, box_id: b.id, tube_id: null, kind: 'box_received', at: now, actor_id: actor.userId, detail: { lab: lab.code, received: arrived.length, missing: missing.length } },
      ...arrived.map((t) => ({ round_id: b.round_id, box_id: b.id, tube_id: t.id, kind: 'tube_received', at: now, actor_id: actor.userId, detail: { lab: lab.code } })),
      ...missing.map((t) => ({ round_id: b.round_id, box_id: b.id, tube_id: t.id, kind: 'tube_missing', at: now, actor_id: actor.userId, detail: { lab: lab.code } })),
      ...unexpectedCodes.map((c) => ({
        round_id: b.round_id, box_id: b.id, tube_id: unexpectedKnown.find((t) => t.code === c)?.id ?? null, kind: 'tube_unexpected', at: now, actor_id: actor.userId, detail: { lab: lab.code, tube: c },
      })),
    ]);
    await recordAudit(tx, actor, now, {
      action: 'screening.box.receive',
      entity: 'box',
      entityId: b.id,
      placePath: b.path,
      after: { code, lab: lab.code, received: arrived.length, missing: missing.map((t) => t.code), unexpected: unexpectedCodes },
    });
    return { expected: listed.length, received: arrived.length, missing: missing.map((t) => t.code), unexpected: unexpectedCodes };
  });
  return { box: await boxView(deps, scope, code), ...outcome };
}
