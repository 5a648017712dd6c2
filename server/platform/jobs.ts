// Long work (imports, later round fan-out) runs as jobs stored in the database: claimed with
// FOR UPDATE SKIP LOCKED so several workers never take the same job, progress written as it goes
// so the UI and the CLI can show it.
import { sql } from 'kysely';
import type { Db, Queryable } from './db.ts';

export interface JobRow {
  id: number;
  kind: string;
  status: string;
  params: Record<string, unknown>;
  progress: Record<string, unknown>;
  result: unknown;
  error: string | null;
  created_by: number | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type JobHandler = (job: JobRow, reportProgress: (p: Record<string, unknown>) => Promise<void>) => Promise<unknown>;

export async function enqueueJob(db: Queryable, kind: string, params: Record<string, unknown>, createdBy: number | null): Promise<number> {
  const r = await db.insertInto('jobs').values({ kind, params: JSON.stringify(params), progress: '{}', created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findJob(db: Queryable, id: number): Promise<JobRow | undefined> {
  return (await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()) as JobRow | undefined;
}

async function claimNext(db: Queryable, kinds: string[]): Promise<JobRow | null> {
  const r = await sql<JobRow>`
    UPDATE jobs SET status = 'running', started_at = now()
    WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN (${sql.join(kinds)}) ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING *`.execute(db);
  return r.rows[0] ?? null;
}

export interface JobRunner {
  /** Runs queued jobs until none is left (tests and the CLI call it directly). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls for queued jobs of the given kinds. A job that was running when its process died is marked
 * failed at start, since its partial work was committed batch by batch and cannot resume blindly.
 */
export async function startJobRunner(db: Db, handlers: Record<string, JobHandler>, opts: { pollMs?: number; log?: (msg: string, err?: unknown) => void } = {}): Promise<JobRunner> {
  const kinds = Object.keys(handlers);
  await db.kysely
    .updateTable('jobs')
    .set({ status: 'failed', error: 'interrupted: the server stopped while this job ran', finished_at: new Date() })
    .where('status', '=', 'running')
    .execute();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  async function runOne(job: JobRow) {
    let lastWrite = 0;
    const report = async (p: Record<string, unknown>) => {
      if (Date.now() - lastWrite < 500) return;
      lastWrite = Date.now();
      await db.kysely.updateTable('jobs').set({ progress: JSON.stringify(p) }).where('id', '=', job.id).execute();
    };
    try {
      const result = await handlers[job.kind](job, report);
      await db.kysely.updateTable('jobs').set({ status: 'done', result: JSON.stringify(result ?? null), finished_at: new Date() }).where('id', '=', job.id).execute();
    } catch (err) {
      opts.log?.(`job ${job.id} failed`, err);
      const message = err instanceof Error && 'code' in err ? `${(err as { code: string }).code}: ${err.message}` : 'the job failed; see the server log';
      await db.kysely.updateTable('jobs').set({ status: 'failed', error: message, finished_at: new Date() }).where('id', '=', job.id).execute();
    }
  }

  async function drain() {
    for (;;) {
      if (stopped) return;
      const job = await claimNext(db.kysely, kinds);
      if (!job) return;
      await runOne(job);
    }
  }

  const tick = () => {
    running = running.then(drain).catch((err) => opts.log?.('job runner', err));
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, opts.pollMs ?? 1000);
    });
  };
  if (kinds.length) tick();
  return {
    drain: () => (running = running.then(drain)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
