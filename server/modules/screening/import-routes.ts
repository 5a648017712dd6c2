// The lab page's results upload: the sheet is stored under the data dir and imported by a job whose
// progress the page polls (GET /api/jobs/:id); its result is the import summary, its errors a sheet.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { rm } from 'node:fs/promises';
import { actorOf } from '../../platform/access.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs.ts';
import { receiveUpload, type ImportJobParams } from '../persons/import-routes.ts';
import { importLabResultsFile } from './import.ts';
import type { ScreeningDeps } from './round-service.ts';

export const LAB_RESULTS_IMPORT_JOB = 'import.lab-results';

export function labResultsImportJob(deps: ScreeningDeps): JobHandler {
  return async (job, report) => {
    const p = job.params as unknown as ImportJobParams;
    try {
      return await importLabResultsFile(deps, p.actor, p.scope, p.file, (s) =>
        report({ processed: s.accepted + s.rejected + s.unmatched + s.unchanged, accepted: s.accepted, rejected: s.rejected, unmatched: s.unmatched }),
      );
    } finally {
      await rm(p.file, { force: true });
    }
  };
}

export async function labResultsImportRoutes(app: FastifyInstance, deps: ScreeningDeps & { uploadDir: string }) {
  app.post(
    '/api/screening/results/import',
    {
      config: { access: { permission: 'screening.results', scope: 'place' } },
      schema: { tags: ['screening'], consumes: ['multipart/form-data'], response: { 202: Type.Object({ jobId: Type.Integer() }) } },
    },
    async (req, reply) => {
      const upload = await receiveUpload(req, deps.uploadDir);
      const params: ImportJobParams = { file: upload.file, originalName: upload.originalName, scope: req.scope, actor: actorOf(req) };
      const jobId = await enqueueJob(deps.db.kysely, LAB_RESULTS_IMPORT_JOB, params as unknown as Record<string, unknown>, req.auth!.user.id);
      reply.status(202);
      return { jobId };
    },
  );
}
