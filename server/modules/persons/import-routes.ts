// Upload of a residents sheet from the web: stored under the data dir, imported by a job whose
// progress the page polls (GET /api/jobs/:id), errors downloadable as a sheet.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { actorOf, type Scope } from '../../platform/access.ts';
import { badRequest } from '../../platform/errors.ts';
import { tableFormat } from '../../platform/tabular.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs.ts';
import type { Actor } from '../../platform/audit.ts';
import { importPersonsFile } from './import.ts';
import type { PersonsDeps } from './service.ts';

export const PERSON_IMPORT_JOB = 'import.persons';

/** What an import job of an uploaded sheet is given (persons here, lab results in screening). */
export interface ImportJobParams {
  file: string;
  originalName: string;
  scope: Scope;
  actor: Actor;
}

export function personImportJob(deps: PersonsDeps): JobHandler {
  return async (job, report) => {
    const p = job.params as unknown as ImportJobParams;
    try {
      return await importPersonsFile(deps, p.actor, p.scope, p.file, (s) => report({ processed: s.accepted + s.rejected, accepted: s.accepted, rejected: s.rejected }));
    } finally {
      await rm(p.file, { force: true });
    }
  };
}

/** Stores an uploaded sheet (multipart field "file", .csv or .xlsx) under the upload dir for a job to import. */
export async function receiveUpload(req: FastifyRequest, uploadDir: string): Promise<{ file: string; originalName: string }> {
  const part = await req.file();
  if (!part) throw badRequest('IMPORT_FILE_REQUIRED', 'Send the sheet as a multipart field named "file"');
  const format = tableFormat(part.filename);
  mkdirSync(uploadDir, { recursive: true });
  const file = join(uploadDir, `${randomUUID()}.${format}`);
  await pipeline(part.file, createWriteStream(file));
  if (part.file.truncated) {
    await rm(file, { force: true });
    throw badRequest('IMPORT_FILE_TOO_LARGE', 'The file is larger than the upload limit');
  }
  return { file, originalName: part.filename };
}

export async function personImportRoutes(app: FastifyInstance, deps: PersonsDeps & { uploadDir: string }) {
  app.post(
    '/api/persons/import',
    {
      config: { access: { permission: 'persons.import', scope: 'place' } },
      schema: { tags: ['persons'], consumes: ['multipart/form-data'], response: { 202: Type.Object({ jobId: Type.Integer() }) } },
    },
    async (req, reply) => {
      const { file, originalName } = await receiveUpload(req, deps.uploadDir);
      const params: ImportJobParams = { file, originalName, scope: req.scope, actor: actorOf(req) };
      const jobId = await enqueueJob(deps.db.kysely, PERSON_IMPORT_JOB, params as unknown as Record<string, unknown>, req.auth!.user.id);
      reply.status(202);
      return { jobId };
    },
  );
}
