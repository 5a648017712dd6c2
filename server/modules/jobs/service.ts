// Jobs as their owners see them, and the error sheet of an import job.
import type { Writable } from 'node:stream';
import { xlsxSheet } from '../../platform/sheet-writer.ts';
import { notFound } from '../../platform/errors.ts';
import { findJob, type JobRow } from '../../platform/jobs.ts';
import type { AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';

interface ImportResult {
  errors?: { row: number; code: string; message: string }[];
  [k: string]: unknown;
}

export function presentJob(j: JobRow) {
  const result = (j.result ?? null) as ImportResult | null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress ?? {},
    // The error list can be long: the response carries counts; the sheet carries the rows.
    result: result ? { ...result, errors: undefined, errorCount: result.errors?.length ?? 0 } : null,
    error: j.error,
    createdAt: new Date(j.created_at).toISOString(),
    startedAt: j.started_at ? new Date(j.started_at).toISOString() : null,
    finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
  };
}

/** A job is visible to the user who started it and to administrators of the whole tree. */
export async function visibleJob(db: Db, auth: AuthContext, id: number) {
  const job = await findJob(db.kysely, id);
  const isAdmin = auth.assignments.some((a) => a.role === 'admin' && a.placeId === null);
  if (!job || (job.created_by !== auth.user.id && !isAdmin)) throw notFound('JOB_NOT_FOUND', `No job ${id}`);
  return job;
}

export async function writeErrorSheet(job: JobRow, out: Writable) {
  const sheet = xlsxSheet(out, 'errors', [
    { header: '行号 row', key: 'row', width: 10 },
    { header: '错误代码 code', key: 'code', width: 28 },
    { header: '说明 message', key: 'message', width: 80 },
  ]);
  for (const e of ((job.result ?? {}) as ImportResult).errors ?? []) sheet.add(e);
  await sheet.end();
}
