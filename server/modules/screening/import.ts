// `cordon import samples` (sites that worked on paper) and `cordon import lab-results` (and the lab
// page's upload): CSV/XLSX read as a stream, good rows kept, bad rows reported with their numbers.
// Sample rows go through the same batch registration as the sampler app; their sample_id (or a UUID
// derived from it) is the registration's client id, so a sheet imported twice stores nothing twice.
import { readTable, type ColumnSpec } from '../../platform/tabular.ts';
import { analyzeTables } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Scope } from '../../platform/access.ts';
import { parseLocalTime } from '../../../domain/time.ts';
import { stableUuid } from '../../../domain/fhir.ts';
import { DEFAULT_MODES, TUBE_KINDS, type TubeKind } from '../../../domain/screening.ts';
import { createRound, findRoundRef, type ScreeningDeps } from './round-service.ts';
import { registerSamples } from './registration-service.ts';
import { recordResultRows } from './result-service.ts';
import { listRoots } from '../places/service.ts';
import type { RegistrationInput, RegistrationItemError } from './schemas.ts';

export const SAMPLE_COLUMNS: ColumnSpec[] = [
  { name: 'sample_id', aliases: ['样本编号', '采样编号'], required: true },
  { name: 'round', aliases: ['轮次'], required: true },
  { name: 'tube_code', aliases: ['管码', '试管编码', '采样管'], required: true },
  { name: 'tube_kind', aliases: ['采样方式', '管类型'] },
  { name: 'pool_size', aliases: ['混采数', '混检数'] },
  { name: 'id_type', aliases: ['证件类型'] },
  { name: 'id_number', aliases: ['身份证号', '证件号码', '证件号'], required: true },
  { name: 'collected_at', aliases: ['采样时间'] },
  { name: 'site_code', aliases: ['采样点', '采样点编码'] },
];

export const LAB_RESULT_COLUMNS: ColumnSpec[] = [
  { name: 'tube_code', aliases: ['管码', '试管编码', '采样管', '样本条码'], required: true },
  { name: 'result', aliases: ['结果', '检测结果'], required: true },
  { name: 'ct_orf1ab', aliases: ['ORF1ab', 'Ct_ORF1ab', 'ORF1ab基因Ct值'] },
  { name: 'ct_n', aliases: ['N', 'Ct_N', 'N基因Ct值'] },
  { name: 'tested_at', aliases: ['检测时间'] },
  { name: 'lab_code', aliases: ['检测机构', '检测机构编码'] },
  { name: 'instrument', aliases: ['仪器', '检测仪器'] },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TUBE_KIND_ALIASES: Record<string, TubeKind> = { 单采: 'single', 单管: 'single', 单检: 'single', 户采: 'household', '1户1管': 'household', 混采: 'pool', 混检: 'pool' };
const BATCH = 1000;
const MAX_LISTED = 10_000;

export interface SampleImportSummary {
  accepted: number;
  created: number;
  replayed: number;
  repeats: number;
  rejected: number;
  errors: { row: number; code: string; message: string }[];
  roundsCreated: string[];
}

export async function importSamplesFile(deps: ScreeningDeps, actor: Actor, scope: Scope, file: string, onBatch?: (s: SampleImportSummary) => void): Promise<SampleImportSummary> {
  const summary: SampleImportSummary = { accepted: 0, created: 0, replayed: 0, repeats: 0, rejected: 0, errors: [], roundsCreated: [] };
  const reject = (row: number, code: string, message: string) => {
    summary.rejected++;
    if (summary.errors.length < MAX_LISTED) summary.errors.push({ row, code, message });
  };
  const rounds = new Map<string, number>();
  const now = deps.clock();

  async function roundId(ref: string, firstCollected: Date): Promise<number> {
    const known = rounds.get(ref);
    if (known) return known;
    let id: number;
    try {
      id = (await findRoundRef(deps.db.kysely, ref)).id;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'ROUND_NOT_FOUND') throw err;
      // DESIGN §13: a round named in the sheet that does not exist is created over the root place.
      const roots = await listRoots({ db: deps.db, clock: deps.clock }, scope);
      if (roots.length === 0) throw new AppError(400, 'IMPORT_NO_ROOT', 'There is no place to create the round over');
      const start = new Date(Math.min(firstCollected.getTime(), now.getTime()));
      const round = await createRound(deps, actor, scope, {
        name: ref, placeIds: roots.map((r) => r.id), startsAt: start.toISOString(), deadline: new Date(start.getTime() + 24 * 3_600_000).toISOString(), modes: DEFAULT_MODES,
      });
      summary.roundsCreated.push(round.name);
      id = round.id;
    }
    rounds.set(ref, id);
    return id;
  }

  let batch: { row: number; item: RegistrationInput }[] = [];
  async function flush() {
    let pending = batch;
    batch = [];
    // A bad row fails its batch: drop the rows the server named and send the rest again.
    while (pending.length) {
      try {
        const r = await registerSamples(deps, actor, scope, pending.map((p) => p.item));
        for (const o of r.items) {
          summary.accepted++;
          if (o.replayed) summary.replayed++;
          else summary.created++;
          if (o.repeat && !o.replayed) summary.repeats++;
        }
        break;
      } catch (err) {
        const items = err instanceof AppError ? (err.details as { items?: RegistrationItemError[] } | undefined)?.items : undefined;
        if (!items?.length) throw err;
        const bad = new Set(items.map((i) => i.index));
        for (const i of items) reject(pending[i.index].row, i.code, i.message);
        pending = pending.filter((_, i) => !bad.has(i));
      }
    }
    onBatch?.(summary);
  }

  for await (const { row, values: v } of readTable(file, SAMPLE_COLUMNS)) {
    const sampleId = v.sample_id ?? '';
    if (!sampleId) {
      reject(row, 'SAMPLE_ID_REQUIRED', 'sample_id is empty');
      continue;
    }
    if (!v.round) {
      reject(row, 'SAMPLE_ROUND_REQUIRED', 'round is empty');
      continue;
    }
    if (!v.tube_code || !/^[A-Za-z0-9_-]{1,64}$/.test(v.tube_code)) {
      reject(row, 'SAMPLE_TUBE_INVALID', `tube_code "${v.tube_code ?? ''}" must be 1–64 letters, digits, - or _`);
      continue;
    }
    if (!v.id_number) {
      reject(row, 'SAMPLE_PERSON_REQUIRED', 'id_number is empty');
      continue;
    }
    const kindText = (v.tube_kind ?? '').trim();
    const kind = kindText ? ((TUBE_KINDS as readonly string[]).includes(kindText.toLowerCase()) ? (kindText.toLowerCase() as TubeKind) : TUBE_KIND_ALIASES[kindText]) : undefined;
    if (kindText && !kind) {
      reject(row, 'SAMPLE_TUBE_KIND_INVALID', `tube_kind "${kindText}" is single, household or pool`);
      continue;
    }
    const size = v.pool_size ? Number(v.pool_size) : undefined;
    if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 20)) {
      reject(row, 'SAMPLE_POOL_SIZE_INVALID', `pool_size "${v.pool_size}" is a whole number from 1 to 20`);
      continue;
    }
    const collected = v.collected_at ? parseLocalTime(v.collected_at, deps.timeZone) : now;
    if (!collected) {
      reject(row, 'SAMPLE_TIME_INVALID', `collected_at "${v.collected_at}" is not a date and time`);
      continue;
    }
    const round = await roundId(v.round, collected);
    batch.push({
      row,
      item: {
        clientId: UUID.test(sampleId) ? sampleId.toLowerCase() : stableUuid(`sample:${v.round}:${sampleId}`),
        roundId: round,
        tubeCode: v.tube_code,
        ...(kind ? { tubeKind: kind } : {}),
        ...(size !== undefined ? { capacity: kind === 'single' ? 1 : size } : {}),
        person: v.id_number,
        ...(v.id_type ? { idType: v.id_type as RegistrationInput['idType'] } : {}),
        ...(v.site_code ? { siteCode: v.site_code } : {}),
        collectedAt: collected.toISOString(),
      },
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  summary.errors.sort((a, b) => a.row - b.row);
  await analyzeTables(deps.db.kysely, ['samples', 'tubes']);
  return summary;
}

export async function importLabResultsFile(deps: ScreeningDeps, actor: Actor, scope: Scope, file: string, onBatch?: (s: { accepted: number; rejected: number; unmatched: number; unchanged: number }) => void) {
  async function* rows() {
    for await (const { row, values: v } of readTable(file, LAB_RESULT_COLUMNS)) {
      yield { row, fields: { tubeCode: v.tube_code ?? '', result: v.result ?? '', ctOrf1ab: v.ct_orf1ab, ctN: v.ct_n, testedAt: v.tested_at, labCode: v.lab_code, instrument: v.instrument } };
    }
  }
  const summary = await recordResultRows(deps, actor, scope, rows(), 'file', onBatch);
  await analyzeTables(deps.db.kysely, ['lab_results', 'tubes']);
  return summary;
}
