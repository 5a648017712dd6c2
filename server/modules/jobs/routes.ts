import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import type { Db } from '../../platform/db.ts';
import { presentJob, visibleJob, writeErrorSheet } from './service.ts';

const self = { access: { permission: 'signed_in', scope: 'self' } } as const;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const JobView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  progress: Type.Unknown(),
  result: Type.Unknown(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export async function jobRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/jobs/:id', { config: self, schema: { tags: ['jobs'], params: IdParams, response: { 200: JobView } } }, async (req) =>
    presentJob(await visibleJob(deps.db, req.auth!, req.params.id)),
  );
  r.get('/api/jobs/:id/errors.xlsx', { config: self, schema: { tags: ['jobs'], params: IdParams } }, async (req, reply) => {
    const job = await visibleJob(deps.db, req.auth!, req.params.id);
    const out = new PassThrough();
    void writeErrorSheet(job, out).catch((err) => out.destroy(err));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="job-${job.id}-errors.xlsx"`)
      .send(out);
  });
}
