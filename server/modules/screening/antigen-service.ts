// 抗原自测: a resident (or their grid worker) reports an antigen self-test; a positive one creates a
// PCR confirmation task in the open round that covers the person's home (or none).
import { badRequest, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { ScreeningDeps } from './round-service.ts';
import { personWithHousehold } from './status-repo.ts';
import * as repo from './antigen-repo.ts';
import { maskIdNumber } from '../../../domain/id-card.ts';

export async function reportAntigen(deps: ScreeningDeps, actor: Actor, scope: Scope, input: { clientId: string; personId: number; result: string; testedAt?: string }) {
  const db = deps.db.kysely;
  const clientId = input.clientId.toLowerCase();
  const replay = await repo.findAntigenReport(db, clientId);
  if (replay) {
    if (replay.person_id !== input.personId) throw badRequest('ANTIGEN_CLIENT_ID_REUSED', 'This report id was used for another person');
    return { id: replay.id, replayed: true, result: replay.result, testedAt: new Date(replay.tested_at).toISOString(), pcrTaskId: replay.pcr_task_id };
  }
  const person = await personWithHousehold(db, input.personId);
  if (!person || !person.path || !pathInScope(scope, person.path)) throw notFound('PERSON_NOT_FOUND', `No person ${input.personId} in your scope`);
  const now = deps.clock();
  const testedAt = input.testedAt ? new Date(input.testedAt) : now;
  if (testedAt.getTime() > now.getTime() + 5 * 60_000) throw badRequest('ANTIGEN_TIME_INVALID', 'testedAt is in the future');
  return db.transaction().execute(async (tx) => {
    const report = await repo.insertAntigenReport(tx, { client_id: clientId, person_id: person.id, result: input.result, tested_at: testedAt, path: person.path, reported_by: actor.userId });
    let pcrTaskId: number | null = null;
    if (input.result === 'positive') {
      pcrTaskId = await repo.insertPcrTask(tx, { personId: person.id, path: person.path!, antigenId: report.id, at: now });
    }
    await recordAudit(tx, actor, now, { action: 'screening.antigen', entity: 'antigen_report', entityId: report.id, placePath: person.path, after: { personId: person.id, result: input.result, pcrTaskId } });
    return { id: report.id, replayed: false, result: input.result, testedAt: testedAt.toISOString(), pcrTaskId };
  });
}

/** Whom the caller may report for: a resident's household, or people of a grid worker's area by name. */
export async function antigenReporters(deps: ScreeningDeps, scope: Scope, q: string | undefined) {
  const rows = await repo.antigenPeople(deps.db.kysely, scope, q?.trim() || undefined, 50);
  return rows.map((r) => ({
    id: r.id, name: r.name, idNumber: maskIdNumber(r.id_number), householdName: r.household_name,
    lastResult: r.last_result, lastTestedAt: r.last_tested_at ? new Date(r.last_tested_at).toISOString() : null,
  }));
}
