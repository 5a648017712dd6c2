// Prometheus metrics: HTTP latency histogram per route, DB pool gauges, event-loop lag (prom-client).
import type { FastifyInstance } from 'fastify';
import { Registry, Histogram, Gauge, collectDefaultMetrics } from 'prom-client';
import type { Db } from './db.ts';

export function registerMetrics(app: FastifyInstance, db: Db): Registry {
  const registry = new Registry();
  // Default metrics include nodejs_eventloop_lag_seconds and the lag percentiles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const http = new Histogram({
    name: 'cordon_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'cordon_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['engine', 'state'] as const,
    registers: [registry],
    collect() {
      const s = db.poolStats();
      this.set({ engine: db.engine, state: 'total' }, s.total);
      this.set({ engine: db.engine, state: 'idle' }, s.idle);
      this.set({ engine: db.engine, state: 'waiting' }, s.waiting);
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    http.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return registry;
}
