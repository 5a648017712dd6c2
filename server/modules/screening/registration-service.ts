// Sample registration (采): a sampler scans a tube, then each person into its slots. Batches come
// from the sampler app (often after being offline), so every registration carries the device's
// UUID: a batch sent again stores nothing twice and answers the same. A batch is one transaction:
// either every new registration in it is stored, or none is and each failing item is named.
import { createHmac } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import { idHashOf } from '../persons/service.ts';
import { maskIdNumber } from '../../../domain/id-card.ts';
import { ID_TYPES, type IdType } from '../../../domain/persons.ts';
import { parseHealthCodeQr, tubeFitsLevel, tubeSpecOf, zoneLevelAt, type RoundModes, type TubeSpec, type ZoneMark } from '../../../domain/screening.ts';
import * as roundRepo from './round-repo.ts';
import * as repo from './sample-repo.ts';
import { applyRoundRollup, type RoundDelta } from './rollup.ts';
import { roundVisible, type ScreeningDeps } from './round-service.ts';
import type { RegistrationInput, RegistrationItemError, RegistrationOutcomeView } from './schemas.ts';

/** The health-code QR of a person, signed with the instance secret so a QR cannot be made up. */
export function healthCodeQr(secret: string, personId: number): string {
  return `HC1:${personId}:${qrSignature(secret, personId)}`;
}
const qrSignature = (secret: string, personId: number) => createHmac('sha256', secret).update(`hc:${personId}`).digest('hex').slice(0, 16);

const STATUS: Record<string, number> = {
  ROUND_NOT_FOUND: 404,
  ROUND_CLOSED: 409,
  TUBE_ALREADY_USED: 409,
  TUBE_FULL: 409,
  TUBE_SEALED: 409,
  TUBE_BOXED: 409,
  TUBE_HOUSEHOLD_MISMATCH: 409,
  TUBE_KIND_MISMATCH: 409,
  SAMPLE_MODE_MISMATCH: 409,
  SAMPLE_PERSON_IN_TUBE: 409,
  SAMPLE_CLIENT_ID_REUSED: 409,
};

interface RoundContext {
  round: roundRepo.RoundRow;
  zones: ZoneMark[];
  rootPath: string;
}

interface TubeState {
  id: number | null; // null until inserted
  code: string;
  roundId: number;
  spec: TubeSpec;
  members: number;
  sealed: boolean;
  boxed: boolean;
  householdId: number | null;
  persons: Set<number>;
  siteId: number | null;
  path: string;
  collectedAt: Date;
  changed: boolean;
}

interface Planned {
  index: number;
  item: RegistrationInput;
  person: repo.ScannedPerson;
  tube: TubeState;
  slot: number;
  collectedAt: Date;
}

export async function registerSamples(deps: ScreeningDeps, actor: Actor, scope: Scope, items: RegistrationInput[]): Promise<{ allReplayed: boolean; items: RegistrationOutcomeView[] }> {
  const db = deps.db.kysely;
  const now = deps.clock();
  const errors: RegistrationItemError[] = [];
  const fail = (index: number, item: RegistrationInput, code: string, message: string, scanned?: string) =>
    errors.push({ index, clientId: item.clientId, code, message, ...(scanned !== undefined ? { scanned } : {}) });

  // The same clientId twice in one batch is one registration.
  const firstIndex = new Map<string, number>();
  items.forEach((it, i) => {
    const id = it.clientId.toLowerCase();
    if (!firstIndex.has(id)) firstIndex.set(id, i);
  });
  const unique = [...firstIndex.values()].map((i) => ({ index: i, item: { ...items[i], clientId: items[i].clientId.toLowerCase() } }));

  // The batch's rounds (with zone marks), sites and people, read side by side.
  const roundIds = [...new Set(unique.map((u) => u.item.roundId))];
  const siteCodes = [...new Set(unique.map((u) => u.item.siteCode).filter((c): c is string => !!c))];
  // People: by health-code QR or by keyed hash of the document number.
  const wanted = unique.map(({ item }) => scannedIdentity(deps.secret, item));
  const [rounds, siteRows, found] = await Promise.all([
    roundRepo.roundsWithPlaces(db, roundIds),
    repo.sitesByCodes(db, siteCodes),
    repo.personsByHashOrId(db, wanted.flatMap((w) => (w.kind === 'hash' ? [w.hash] : [])), wanted.flatMap((w) => (w.kind === 'qr' ? [w.personId] : []))),
  ]);
  const roundCtx = new Map<number, RoundContext>();
  for (const r of rounds) {
    if (!roundVisible(scope, r.places)) continue;
    roundCtx.set(r.id, { round: r, zones: r.zones.map((z) => ({ path: z.path, level: z.level as ZoneMark['level'] })), rootPath: r.places[0]?.path ?? '/' });
  }
  // Sites: sampling sites inside the sampler's area.
  const sites = new Map(siteRows.filter((s) => s.kind === 'sampling_site' && pathInScope(scope, s.path)).map((s) => [s.code, s]));
  const byHash = new Map(found.map((p) => [p.id_hash, p]));
  const byId = new Map(found.map((p) => [p.id, p]));

  const resolved: { index: number; item: RegistrationInput; person: repo.ScannedPerson; collectedAt: Date; siteId: number | null; sitePath: string | null; ctx: RoundContext }[] = [];
  unique.forEach(({ index, item }, k) => {
    const ctx = roundCtx.get(item.roundId);
    if (!ctx) return fail(index, item, 'ROUND_NOT_FOUND', `No round ${item.roundId} in your scope`);
    if (ctx.round.status !== 'open') return fail(index, item, 'ROUND_CLOSED', `Round ${ctx.round.name} is closed`);
    const site = item.siteCode ? sites.get(item.siteCode) : undefined;
    if (item.siteCode && !site) return fail(index, item, 'SAMPLE_SITE_UNKNOWN', `${item.siteCode} is not a sampling site in your area`, item.siteCode);
    const w = wanted[k];
    if (w.kind === 'bad') return fail(index, item, w.code, w.message, item.person);
    const person = w.kind === 'qr' ? byId.get(w.personId) : byHash.get(w.hash);
    if (!person) return fail(index, item, 'SAMPLE_PERSON_UNKNOWN', `Nobody with ${item.person.trim()} is registered`, item.person.trim());
    const collectedAt = item.collectedAt ? new Date(item.collectedAt) : now;
    if (collectedAt.getTime() > now.getTime() + 5 * 60_000) return fail(index, item, 'SAMPLE_TIME_INVALID', 'collectedAt is in the future');
    resolved.push({ index, item, person, collectedAt, siteId: site?.id ?? null, sitePath: site?.path ?? null, ctx });
  });
  if (errors.length) throw batchError(errors);

  const result = await withKeyRaces(() => db.transaction().execute(async (tx) => {
    const codes = [...new Set(resolved.map((r) => r.item.tubeCode))];
    const locked = await repo.lockTubes(tx, codes);
    // Replays are looked up after the tubes are locked: a concurrent send of the same batch waits here.
    // A registration stored before sits in its tube, so only items of tubes that exist can be replays
    // (a batch of new tubes skips the look-up; a clientId reused with a new tube fails on its key).
    const existing = new Set(locked.map((t) => t.code));
    const stored = new Map((await repo.samplesByClientIds(tx, resolved.filter((r) => existing.has(r.item.tubeCode)).map((r) => r.item.clientId))).map((s) => [s.client_id, s]));
    const members = await repo.tubeMembers(tx, locked.map((t) => t.id));
    const tubes = new Map<string, TubeState>();
    for (const t of locked) {
      tubes.set(t.code, {
        id: t.id, code: t.code, roundId: t.round_id, spec: { kind: t.kind as TubeSpec['kind'], capacity: t.capacity }, members: t.members,
        sealed: t.sealed_at !== null, boxed: t.box_id !== null, householdId: t.household_id,
        persons: new Set(members.filter((m) => m.tube_id === t.id).map((m) => m.person_id)), siteId: t.site_id, path: '', collectedAt: new Date(), changed: false,
      });
    }
    const replayed: { index: number; sample: repo.StoredSample }[] = [];
    const planned: Planned[] = [];
    for (const r of resolved) {
      const { index, item, person } = r;
      const prior = stored.get(item.clientId);
      if (prior) {
        const tube = locked.find((t) => t.id === prior.tube_id);
        if (prior.person_id !== person.id || !tube || tube.code !== item.tubeCode)
          fail(index, item, 'SAMPLE_CLIENT_ID_REUSED', 'This registration id was already used for another person or tube');
        else replayed.push({ index, sample: prior });
        continue;
      }
      const level = zoneLevelAt(person.path ?? r.ctx.rootPath, r.ctx.zones);
      let tube = tubes.get(item.tubeCode);
      if (!tube) {
        const spec = item.tubeKind ? specFor(item.tubeKind, item.capacity) : tubeSpecOf((r.ctx.round.modes as RoundModes)[level]);
        tube = {
          id: null, code: item.tubeCode, roundId: item.roundId, spec, members: 0, sealed: false, boxed: false,
          householdId: spec.kind === 'household' ? person.household_id : null, persons: new Set(), siteId: r.siteId,
          path: r.sitePath ?? person.path ?? r.ctx.rootPath, collectedAt: r.collectedAt, changed: true,
        };
        tubes.set(item.tubeCode, tube);
      }
      const problem = tubeProblem(tube, item, person, level);
      if (problem) {
        fail(index, item, problem[0], problem[1], item.tubeCode);
        continue;
      }
      tube.members++;
      tube.persons.add(person.id);
      tube.changed = true;
      if (tube.members >= tube.spec.capacity || item.seal) tube.sealed = true;
      planned.push({ index, item, person, tube, slot: tube.members, collectedAt: r.collectedAt });
    }
    if (errors.length) throw batchError(errors);
    if (planned.length === 0) return { replayed, planned, tubes, firsts: new Set<number>(), sampleIds: new Map<string, number>() };

    // New tubes, then their fill, then the samples.
    const fresh = [...tubes.values()].filter((t) => t.id === null);
    const inserted = await repo.insertTubes(
      tx,
      fresh.map((t) => ({
        code: t.code, round_id: t.roundId, kind: t.spec.kind, capacity: t.spec.capacity, members: t.members, site_id: t.siteId, path: t.path,
        household_id: t.householdId, collected_at: t.collectedAt, sealed_at: t.sealed ? now : null,
      })),
    );
    for (const row of inserted) tubes.get(row.code)!.id = row.id;
    const grown = [...tubes.values()].filter((t) => t.changed && !fresh.includes(t));
    await repo.updateTubeFill(tx, grown.map((t) => ({ id: t.id!, members: t.members, sealedAt: t.sealed ? now : null })));
    // A person already sampled in the round (earlier, by a concurrent batch, or higher up in this one)
    // is a repeat: stored and flagged, counted once.
    const firstInBatch = new Set<string>();
    const asFirst = planned.map((p) => {
      const key = `${p.item.roundId}:${p.person.id}`;
      if (firstInBatch.has(key)) return false;
      firstInBatch.add(key);
      return true;
    });
    const rowOf = (p: Planned, repeat: boolean): repo.NewSample => ({
      client_id: p.item.clientId, round_id: p.item.roundId, tube_id: p.tube.id!, slot: p.slot, person_id: p.person.id, path: p.person.path,
      collected_at: p.collectedAt, sampler_id: actor.userId, repeat,
    });
    const sampleIds = await repo.insertSamples(tx, planned.flatMap((p, i) => (asFirst[i] ? [rowOf(p, false)] : [])));
    const firsts = new Set(sampleIds.values());
    const repeats = planned.filter((p) => !sampleIds.has(p.item.clientId));
    for (const [clientId, id] of await repo.insertSamples(tx, repeats.map((p) => rowOf(p, true)))) sampleIds.set(clientId, id);
    const byRound = new Map<number, RoundDelta[]>();
    for (const p of planned) {
      if (!p.person.path || !firsts.has(sampleIds.get(p.item.clientId)!)) continue;
      const list = byRound.get(p.item.roundId) ?? [];
      list.push({ path: p.person.path, sampled: 1 });
      byRound.set(p.item.roundId, list);
    }
    for (const [roundId, deltas] of byRound) await applyRoundRollup(tx, roundId, deltas);
    await repo.meetRetestTasks(
      tx,
      planned.filter((p) => p.tube.spec.kind === 'single').map((p) => ({ round_id: p.item.roundId, person_id: p.person.id, sample_id: sampleIds.get(p.item.clientId)!, at: p.collectedAt })),
    );
    // A tube closed by filling up is seen in its sealed_at (the custody view shows it); no event row per tube here.
    const ids = [...sampleIds.values()];
    await recordAudit(tx, actor, now, {
      action: 'screening.register',
      entity: 'sample',
      entityId: null,
      after: { samples: ids.length, firstSampleId: Math.min(...ids), lastSampleId: Math.max(...ids), tubes: [...new Set(planned.map((p) => p.tube.code))].slice(0, 100), rounds: [...byRound.keys()] },
    });
    return { replayed, planned, tubes, firsts, sampleIds };
  }), async () => {
    const taken = new Set((await repo.samplesByClientIds(db, resolved.map((r) => r.item.clientId))).map((s) => s.client_id));
    for (const r of resolved) if (taken.has(r.item.clientId)) fail(r.index, r.item, 'SAMPLE_CLIENT_ID_REUSED', 'This registration id was already used for another person or tube');
    return errors.length ? batchError(errors) : null;
  });

  // Answers in the order of the batch; duplicates of a clientId get the answer of its first item. A
  // replayed registration's tube is one of the batch's locked tubes, so every tube is known here.
  const tubeById = new Map([...result.tubes.values()].map((t) => [t.id!, t]));
  const personOf = new Map(resolved.map((r) => [r.item.clientId, r.person]));
  const answer = new Map<string, RegistrationOutcomeView>();
  const present = (clientId: string, sampleId: number, tubeId: number, slot: number, repeat: boolean, replayedFlag: boolean): RegistrationOutcomeView => {
    const t = tubeById.get(tubeId)!;
    const p = personOf.get(clientId)!;
    return {
      clientId, sampleId, replayed: replayedFlag, repeat, slot,
      tube: { code: t.code, kind: t.spec.kind, capacity: t.spec.capacity, members: t.members, sealed: t.sealed },
      person: { id: p.id, name: p.name, idNumber: maskIdNumber(p.id_number) },
    };
  };
  for (const r of result.replayed) answer.set(r.sample.client_id, present(r.sample.client_id, r.sample.id, r.sample.tube_id, r.sample.slot, r.sample.repeat, true));
  for (const p of result.planned) {
    const id = result.sampleIds.get(p.item.clientId)!;
    answer.set(p.item.clientId, present(p.item.clientId, id, p.tube.id!, p.slot, !result.firsts.has(id), false));
  }
  return { allReplayed: result.planned.length === 0, items: items.map((it) => answer.get(it.clientId.toLowerCase())!) };
}

/**
 * The races a batch loses on a unique key. Two sends of one batch of new tubes both find no tube; the
 * later one fails on the tube code once the first commits, and runs again to find its registrations
 * stored (a replay). A clientId stored before with another tube fails on its own key: `reusedClientIds`
 * names the items.
 */
async function withKeyRaces<T>(run: () => Promise<T>, reusedClientIds: () => Promise<AppError | null>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const key = repo.violatedKey(err);
      if (key === 'tubes_code_key' && attempt < 3) continue;
      if (key === 'samples_client_id_key') throw (await reusedClientIds()) ?? err;
      throw err;
    }
  }
}

type Identity = { kind: 'qr'; personId: number } | { kind: 'hash'; hash: string } | { kind: 'bad'; code: string; message: string };

function scannedIdentity(secret: string, item: RegistrationInput): Identity {
  const text = item.person.trim();
  if (text.startsWith('HC1:')) {
    const qr = parseHealthCodeQr(text);
    if (!qr || qr.signature !== qrSignature(secret, qr.personId)) return { kind: 'bad', code: 'SAMPLE_QR_INVALID', message: 'This health-code QR is not one this system issued' };
    return { kind: 'qr', personId: qr.personId };
  }
  const idType: IdType = item.idType && (ID_TYPES as readonly string[]).includes(item.idType) ? item.idType : 'id_card';
  return { kind: 'hash', hash: idHashOf(secret, { idType, idNumber: text.toUpperCase() }) };
}

function specFor(kind: RegistrationInput['tubeKind'], capacity: number | undefined): TubeSpec {
  if (kind === 'single') return { kind: 'single', capacity: 1 };
  if (kind === 'household') return { kind: 'household', capacity: capacity ?? tubeSpecOf('household').capacity };
  return { kind: 'pool', capacity: capacity ?? 20 };
}

/** Why this person cannot take the next slot of this tube, or null. */
function tubeProblem(tube: TubeState, item: RegistrationInput, person: repo.ScannedPerson, level: ReturnType<typeof zoneLevelAt>): [string, string] | null {
  if (tube.roundId !== item.roundId) return ['TUBE_ALREADY_USED', `Tube ${tube.code} belongs to another round`];
  if (tube.boxed) return ['TUBE_BOXED', `Tube ${tube.code} is already in a box`];
  if (tube.members >= tube.spec.capacity) return ['TUBE_FULL', `Tube ${tube.code} is full (${tube.spec.capacity})`];
  if (tube.sealed) return ['TUBE_SEALED', `Tube ${tube.code} was sealed`];
  if (item.tubeKind && item.tubeKind !== tube.spec.kind) return ['TUBE_KIND_MISMATCH', `Tube ${tube.code} is a ${tube.spec.kind} tube, not ${item.tubeKind}`];
  if (tube.persons.has(person.id)) return ['SAMPLE_PERSON_IN_TUBE', `${person.name} is already in tube ${tube.code}`];
  if (tube.spec.kind === 'household' && (person.household_id === null || person.household_id !== tube.householdId))
    return ['TUBE_HOUSEHOLD_MISMATCH', `Tube ${tube.code} is for one household; ${person.name} lives elsewhere`];
  if (!tubeFitsLevel(tube.spec, level)) return ['SAMPLE_MODE_MISMATCH', `${person.name} lives in a ${level} area: a ${tube.spec.kind} tube is not allowed there`];
  return null;
}

function batchError(errors: RegistrationItemError[]): AppError {
  const first = errors[0];
  const message = errors.length === 1 ? first.message : `${first.message} (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} in this batch)`;
  return new AppError(STATUS[first.code] ?? 400, first.code, message, { items: errors });
}
