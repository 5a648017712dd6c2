// `cordon import persons` and the web upload: a streaming CSV/XLSX import in batches. Memory holds
// one batch plus the identities seen so far (to report people listed twice as merged).
import { readTable, type ColumnSpec } from '../../platform/tabular.ts';
import { analyzeTables } from '../../platform/db.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import { validatePerson } from '../../../domain/persons.ts';
import { findPlaceRowsByCodes } from '../places/service.ts';
import * as repo from './repo.ts';
import { toRow, today, upsertCounted, type PersonsDeps } from './service.ts';

export const PERSON_COLUMNS: ColumnSpec[] = [
  { name: 'id_type', aliases: ['证件类型'] },
  { name: 'id_number', aliases: ['身份证号', '身份证号码', '证件号码', '证件号'], required: true },
  { name: 'name', aliases: ['姓名'], required: true },
  { name: 'sex', aliases: ['性别'] },
  { name: 'birth_date', aliases: ['出生日期'] },
  { name: 'phone', aliases: ['手机号', '手机号码', '联系电话', '电话'] },
  { name: 'household_code', aliases: ['户', '户编码', '户号', '住户编码'] },
  { name: 'tags', aliases: ['标签', '特殊群体'] },
  { name: 'residence_type', aliases: ['居住类型', '人员类型'] },
  { name: 'needs', aliases: ['需求', '特殊需求'] },
];

export interface PersonImportSummary {
  accepted: number;
  created: number;
  updated: number;
  merged: number;
  rejected: number;
  errors: { row: number; code: string; message: string }[];
  mergedRows: { row: number; into: number }[];
}

const MAX_LISTED = 10_000;
const BATCH = 5000;

interface PendingRow {
  row: number;
  data: repo.PersonRowInput;
  householdPath: string | null;
}

export function createPersonImporter(deps: PersonsDeps, actor: Actor, scope: Scope, onBatch?: (s: PersonImportSummary) => void) {
  const summary: PersonImportSummary = { accepted: 0, created: 0, updated: 0, merged: 0, rejected: 0, errors: [], mergedRows: [] };
  const firstRowOf = new Map<string, number>(); // identity hash → first row in this file
  const households = new Map<string, { id: number; path: string } | null>();
  const day = today(deps);
  let batch: { row: number; values: Record<string, string> }[] = [];

  const reject = (row: number, code: string, message: string) => {
    summary.rejected++;
    if (summary.errors.length < MAX_LISTED) summary.errors.push({ row, code, message });
  };

  async function flush() {
    const rows = batch;
    batch = [];
    if (rows.length === 0) return;
    const unknownCodes = [...new Set(rows.map((r) => r.values.household_code).filter((c) => c && !households.has(c)))];
    const found = await findPlaceRowsByCodes(deps.db.kysely, unknownCodes);
    for (const c of unknownCodes) households.set(c, null);
    for (const p of found) if (p.kind === 'household' && pathInScope(scope, p.path)) households.set(p.code, { id: p.id, path: p.path });

    // Validate; fold repeated identities (the later row wins, as a re-listing would).
    const pending = new Map<string, PendingRow>();
    const seenInEarlierBatch = new Set<string>();
    for (const { row, values: v } of rows) {
      const r = validatePerson(
        { idType: v.id_type, idNumber: v.id_number ?? '', name: v.name ?? '', sex: v.sex, birthDate: v.birth_date, phone: v.phone, tags: v.tags, residenceType: v.residence_type, needs: v.needs },
        day,
      );
      if (!r.ok) {
        reject(row, r.code, r.message);
        continue;
      }
      const code = v.household_code?.trim();
      const household = code ? households.get(code) : null;
      if (code && !household) {
        reject(row, 'PERSON_HOUSEHOLD_UNKNOWN', `Household ${code} is not a household place${scope.all ? '' : ' in your area'}`);
        continue;
      }
      if (!code && !scope.all) {
        reject(row, 'PERSON_HOUSEHOLD_REQUIRED', 'A household code is required for imports into an area');
        continue;
      }
      const data = toRow(deps.secret, r.person, household?.id ?? null);
      const first = firstRowOf.get(data.id_hash);
      if (first !== undefined) {
        if (!pending.has(data.id_hash)) seenInEarlierBatch.add(data.id_hash);
        summary.merged++;
        if (summary.mergedRows.length < MAX_LISTED) summary.mergedRows.push({ row, into: first });
      } else firstRowOf.set(data.id_hash, row);
      pending.set(data.id_hash, { row, data, householdPath: household?.path ?? null });
    }
    if (pending.size === 0) {
      recount();
      onBatch?.(summary);
      return;
    }
    const now = deps.clock();
    await deps.db.kysely.transaction().execute(async (tx) => {
      const existing = await repo.statesByHashes(tx, [...pending.keys()]);
      if (!scope.all) {
        // A person already registered outside the importer's area is not theirs to overwrite.
        for (const [hash, { household_path: path }] of existing) {
          if (path && pathInScope(scope, path)) continue;
          const p = pending.get(hash)!;
          pending.delete(hash);
          reject(p.row, 'PERSON_OUT_OF_SCOPE', 'This person is registered outside your area');
        }
      }
      if (pending.size === 0) return; // every row of the batch belonged to another area
      const result = await upsertCounted(tx, [...pending.values()], now, existing);
      const created = result.filter((r) => r.inserted).map((r) => r.id);
      const updated = result.filter((r) => !r.inserted).map((r) => r.id);
      await recordAudit(tx, actor, now, { action: 'person.import', entity: 'person', entityId: null, after: { created, updated } });
      summary.created += created.length;
      // A person listed again in a later batch updates the record this file created: a merge, not an update.
      summary.updated += result.filter((r) => !r.inserted && !seenInEarlierBatch.has(r.id_hash)).length;
    });
    recount();
    onBatch?.(summary);
  }

  // Every good row is accepted: the ones that created or updated a record, and the ones folded into another row.
  const recount = () => (summary.accepted = summary.created + summary.updated + summary.merged);

  return {
    async add(row: { row: number; values: Record<string, string> }) {
      batch.push(row);
      if (batch.length >= BATCH) await flush();
    },
    async finish(): Promise<PersonImportSummary> {
      await flush();
      return summary;
    },
  };
}

export async function importPersonsFile(deps: PersonsDeps, actor: Actor, scope: Scope, file: string, onBatch?: (s: PersonImportSummary) => void) {
  const importer = createPersonImporter(deps, actor, scope, onBatch);
  for await (const row of readTable(file, PERSON_COLUMNS)) await importer.add(row);
  const summary = await importer.finish();
  await analyzeTables(deps.db.kysely, ['persons']);
  return summary;
}
