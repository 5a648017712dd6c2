// Lab results (检、报) from the API, a CSV/XLSX sheet or a FHIR R4 Bundle. A batch is recorded with
// its whole follow-up in one transaction, so whoever reads next sees it: a positive pooled tube puts
// every member under control (yellow, with the result as basis) and gives each a single-tube retest
// for the team of their building; a positive single tube becomes a finding for the cases team; a
// retest's result closes its task and a negative one releases the member. Results for tubes nobody
// registered go to the unmatched list with the reason.
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import { validateLabResult, type LabResultFields, type ValidLabResult } from '../../../domain/lab-results.ts';
import { parseFhirLabBundle } from '../../../domain/fhir.ts';
import * as repo from './result-repo.ts';
import type { ScreeningDeps } from './round-service.ts';
import type { ResultSummaryView } from './schemas.ts';

export type ResultSource = 'api' | 'file' | 'fhir';
export interface ResultRow {
  row: number;
  fields: LabResultFields;
}

const MAX_LISTED = 10_000;

export function emptyResultSummary(): ResultSummaryView {
  return { accepted: 0, rejected: 0, unmatched: 0, unchanged: 0, positive: 0, positivePools: 0, membersControlled: 0, retestTasks: 0, findings: 0, errors: [] };
}

function addSummary(into: ResultSummaryView, s: ResultSummaryView) {
  for (const k of ['accepted', 'rejected', 'unmatched', 'unchanged', 'positive', 'positivePools', 'membersControlled', 'retestTasks', 'findings'] as const) into[k] += s[k];
  for (const e of s.errors) if (into.errors.length < MAX_LISTED) into.errors.push(e);
}

const sameResult = (t: repo.ResultTube, v: ValidLabResult) =>
  t.last_result === v.result && numOrNull(t.last_ct_orf1ab) === v.ctOrf1ab && numOrNull(t.last_ct_n) === v.ctN;
const numOrNull = (n: number | string | null) => (n === null ? null : Number(n));

/** Records one batch of results (≤ a few thousand rows) and its follow-up. */
export async function recordResults(deps: ScreeningDeps, actor: Actor, scope: Scope, rows: ResultRow[], source: ResultSource): Promise<ResultSummaryView> {
  const db = deps.db.kysely;
  const now = deps.clock();
  const summary = emptyResultSummary();
  const rowError = (row: number, code: string, message: string) => {
    if (summary.errors.length < MAX_LISTED) summary.errors.push({ row, code, message });
  };

  const valid: { row: number; v: ValidLabResult }[] = [];
  for (const r of rows) {
    const check = validateLabResult(r.fields, { timeZone: deps.timeZone, now });
    if (!check.ok) {
      summary.rejected++;
      rowError(r.row, check.code, check.message);
    } else valid.push({ row: r.row, v: check.value });
  }
  const labCodes = [...new Set(valid.map((x) => x.v.labCode).filter((c): c is string => !!c))];
  const labs = new Map((await repo.labsByCodes(db, labCodes)).filter((l) => l.kind === 'lab').map((l) => [l.code, l]));
  const known = valid.filter(({ row, v }) => {
    if (!v.labCode || labs.has(v.labCode)) return true;
    summary.rejected++;
    rowError(row, 'RESULT_LAB_UNKNOWN', `Lab ${v.labCode} is not a known lab`);
    return false;
  });
  if (known.length === 0) return summary;

  await db.transaction().execute(async (tx) => {
    const tubes = new Map((await repo.tubesForResults(tx, [...new Set(known.map((x) => x.v.tubeCode))])).map((t) => [t.code, t]));
    const unmatched: Parameters<typeof repo.insertUnmatched>[1] = [];
    const fresh: { row: number; v: ValidLabResult; tube: repo.ResultTube }[] = [];
    for (const { row, v } of known) {
      const tube = tubes.get(v.tubeCode);
      const labId = v.labCode ? labs.get(v.labCode)!.id : null;
      if (!tube || !pathInScope(scope, tube.path)) {
        const message = `Tube ${v.tubeCode} was never registered${scope.all ? '' : ' in your area'}; kept in the unmatched results`;
        unmatched.push({ tube_code: v.tubeCode, result: v.result, ct_orf1ab: v.ctOrf1ab, ct_n: v.ctN, tested_at: v.testedAt, lab_id: labId, error_code: 'RESULT_TUBE_UNKNOWN', message });
        summary.unmatched++;
        rowError(row, 'RESULT_TUBE_UNKNOWN', message);
        continue;
      }
      // A sheet uploaded twice changes nothing the second time.
      if (sameResult(tube, v)) {
        summary.unchanged++;
        continue;
      }
      fresh.push({ row, v, tube });
      // The next row for the same tube compares against this one.
      tubes.set(v.tubeCode, { ...tube, result: v.result, last_result: v.result, last_ct_orf1ab: v.ctOrf1ab, last_ct_n: v.ctN });
    }
    await repo.insertUnmatched(tx, unmatched, source, actor.userId, now);
    if (fresh.length === 0) return;

    // The tube's own result is the last row of the batch for it. The tubes are updated before the
    // results go in: a result's key check on its tube then finds the row already locked by this
    // transaction, instead of locking (and logging) each tube once more.
    const labIdOf = (v: ValidLabResult) => (v.labCode ? labs.get(v.labCode)!.id : null);
    const lastRow = new Map<number, number>(); // tube id → the index in `fresh` of its last row
    fresh.forEach(({ tube }, i) => lastRow.set(tube.id, i));
    await repo.setTubeResults(tx, [...lastRow].map(([tubeId, i]) => ({ tube_id: tubeId, result: fresh[i].v.result, lab_id: labIdOf(fresh[i].v) })), now);
    const inserted = await repo.insertResults(
      tx,
      fresh.map(({ v, tube }) => ({
        tube_id: tube.id, round_id: tube.round_id, result: v.result, ct_orf1ab: v.ctOrf1ab, ct_n: v.ctN, instrument: v.instrument, tested_at: v.testedAt, lab_id: labIdOf(v),
      })),
      source,
      actor.userId,
      now,
    );
    const last = new Map([...lastRow].map(([tubeId, i]) => [tubeId, { tube_id: tubeId, result: fresh[i].v.result, lab_id: labIdOf(fresh[i].v), result_id: inserted[i].id }]));
    summary.accepted += fresh.length;

    const positives = [...last.values()].filter((x) => x.result === 'positive');
    summary.positive += positives.length;
    const kindOf = new Map(fresh.map(({ tube }) => [tube.id, tube.kind]));
    const pools = positives.filter((x) => kindOf.get(x.tube_id) !== 'single');
    const singles = positives.filter((x) => kindOf.get(x.tube_id) === 'single');
    summary.positivePools += pools.length;

    // Retests first: a negative retest releases the member, a positive one is a finding below.
    const settled = await repo.settleRetests(tx, [...last.keys()], now);
    const released = await repo.releaseControls(
      tx,
      settled.filter((t) => t.result === 'negative' && t.round_id !== null).map((t) => ({ round_id: t.round_id!, person_id: t.person_id })),
      now,
    );
    const resultOfTube = new Map([...last.values()].map((x) => [x.tube_id, x.result_id]));
    const controls = await repo.controlMembers(tx, pools.map((p) => p.tube_id), now);
    summary.membersControlled += controls.length;
    await repo.insertStatusChanges(
      tx,
      [
        ...controls.map((c) => ({
          person_id: c.person_id, status: 'yellow', rule: 'pool_positive', path: c.path,
          basis: { roundId: c.round_id, tubeId: c.tube_id, resultId: resultOfTube.get(c.tube_id) },
        })),
        ...released.map((c) => ({
          person_id: c.person_id, status: 'green', rule: 'retest_negative', path: c.path,
          basis: { roundId: c.round_id, poolTubeId: c.tube_id, retestTaskIds: settled.filter((t) => t.person_id === c.person_id).map((t) => t.id) },
        })),
      ],
      now,
    );
    summary.retestTasks += await repo.createRetestTasks(tx, controls, now);
    summary.findings += await repo.createFindings(tx, singles.map((s) => ({ tube_id: s.tube_id, result_id: s.result_id })), now);
    await recordAudit(tx, actor, now, {
      action: 'screening.results',
      entity: 'lab_result',
      entityId: null,
      after: {
        source, results: inserted.length, positives: positives.length, positivePools: pools.map((p) => p.tube_id), membersControlled: controls.length,
        released: released.length, unmatched: unmatched.length, firstResultId: inserted[0].id, lastResultId: inserted[inserted.length - 1].id,
      },
    });
  });
  summary.errors.sort((a, b) => a.row - b.row);
  if (summary.unmatched > 0 && summary.accepted === 0) {
    // Unmatched rows were stored even though nothing else was: their audit row.
    await db.transaction().execute((tx) => recordAudit(tx, actor, now, { action: 'screening.results.unmatched', entity: 'unmatched_result', entityId: null, after: { source, rows: summary.unmatched } }));
  }
  return summary;
}

const BATCH_ROWS = 2000;

/**
 * Results in batches of 2,000 rows (API bodies, sheets, bundles), summed into one summary. On
 * PostgreSQL two lanes record batches side by side (a lab's sheet of a million tubes is mostly
 * waiting on the database); the rows of one tube always go down the same lane, so a tube's later row
 * still comes after its earlier one.
 */
export async function recordResultRows(deps: ScreeningDeps, actor: Actor, scope: Scope, rows: AsyncIterable<ResultRow> | Iterable<ResultRow>, source: ResultSource, onBatch?: (s: ResultSummaryView) => void) {
  const total = emptyResultSummary();
  const lanes = Array.from({ length: deps.db.engine === 'postgres' ? 2 : 1 }, () => ({ batch: [] as ResultRow[], running: Promise.resolve() }));
  const flush = (lane: (typeof lanes)[number]) => {
    const batch = lane.batch;
    lane.batch = [];
    lane.running = lane.running.then(async () => {
      addSummary(total, await retryOnDeadlock(() => recordResults(deps, actor, scope, batch, source)));
      onBatch?.(total);
    });
    lane.running.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
  };
  try {
    for await (const r of rows) {
      const lane = lanes[laneOf(r, lanes.length)];
      lane.batch.push(r);
      if (lane.batch.length >= BATCH_ROWS) {
        await lane.running; // one batch in flight per lane: reading the sheet waits for the database
        flush(lane);
      }
    }
    for (const lane of lanes) if (lane.batch.length) flush(lane);
  } finally {
    // Whatever happened, no batch is still being written when this returns or throws.
    await Promise.allSettled(lanes.map((l) => l.running));
  }
  await Promise.all(lanes.map((l) => l.running));
  total.errors.sort((a, b) => a.row - b.row);
  return total;
}

function laneOf(r: ResultRow, lanes: number): number {
  if (lanes === 1) return 0;
  const code = String(r.fields.tubeCode ?? '').trim(); // as validateLabResult reads it
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) | 0;
  return Math.abs(h) % lanes;
}

/** Two lanes can still meet on one person (sampled in two tubes): a deadlock rolls one batch back, which runs again. */
async function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= 3 || (err as { code?: string }).code !== '40P01') throw err;
    }
  }
}

/** A FHIR R4 Bundle of DiagnosticReport + Observation (LOINC 94500-6); entries that are not results are row errors. */
export async function recordFhirBundle(deps: ScreeningDeps, actor: Actor, scope: Scope, bundle: unknown) {
  const parsed = parseFhirLabBundle(bundle);
  const summary = await recordResultRows(deps, actor, scope, parsed.rows.map((r) => ({ row: r.index + 1, fields: r.fields })), 'fhir');
  for (const e of parsed.errors) {
    summary.rejected++;
    if (summary.errors.length < MAX_LISTED) summary.errors.push({ row: e.index + 1, code: e.code, message: e.message });
  }
  summary.errors.sort((a, b) => a.row - b.row);
  return summary;
}

export async function unmatchedResults(deps: ScreeningDeps, q: { limit?: number; offset?: number }) {
  const rows = await repo.listUnmatched(deps.db.kysely, q.limit ?? 200, q.offset ?? 0);
  return rows.map((u) => ({
    id: u.id, tubeCode: u.tube_code, result: u.result, labName: u.lab_name, source: u.source, code: u.error_code, message: u.message,
    receivedAt: new Date(u.received_at).toISOString(),
  }));
}
