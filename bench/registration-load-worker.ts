// The sampler fleet of the screening benchmarks, in a worker thread so that building bodies and
// timing requests never share an event loop with the server under test. It POSTs batches of
// registrations (whole pooled tubes, fresh UUID clientIds) to /api/screening/registrations from
// `concurrency` keep-alive connections and reports each batch's latency. See registration-load.ts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { TubePlan } from './screening-setup.ts';

export interface RunMessage {
  type: 'run';
  id: number;
  roundId: number;
  /** Tube codes are prefix + tube index: a distinct prefix per round. */
  prefix: string;
  /** [first tube, end tube) of each batch. */
  batches: [number, number][];
  concurrency: number;
  /** Build every body before the clock starts (ingest) or each one just before it is sent (a continuous load). */
  pregenerate: boolean;
}
export interface DoneMessage {
  type: 'done';
  id: number;
  batches: number;
  registrations: number;
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
  errors: string[];
  stopped: boolean;
}

const { url, token, plan } = workerData as { url: string; token: string; plan: TubePlan };
const target = new URL('/api/screening/registrations', url);
let stopRequested = false;
let running = false;

function body(m: RunMessage, [from, to]: [number, number]): { text: string; n: number } {
  const items: Record<string, unknown>[] = [];
  for (let t = from; t < to; t++) {
    const tube = plan.tubes[t];
    const short = tube.people.length < plan.poolSize;
    tube.people.forEach((person, i) => {
      const item: Record<string, unknown> = { clientId: randomUUID(), roundId: m.roundId, tubeCode: `${m.prefix}${t}`, person, siteCode: tube.site };
      if (short && i === tube.people.length - 1) item.seal = true;
      items.push(item);
    });
  }
  return { text: JSON.stringify({ items }), n: items.length };
}

function post(agent: http.Agent, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (res.statusCode ?? 0) >= 300 ? Buffer.concat(chunks).toString('utf8').slice(0, 600) : '' }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function run(m: RunMessage): Promise<DoneMessage> {
  running = true;
  const agent = new http.Agent({ keepAlive: true, maxSockets: m.concurrency });
  const bodies = m.pregenerate ? m.batches.map((b) => body(m, b)) : null;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  let registrations = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (!stopRequested) {
      const k = next++;
      if (k >= m.batches.length) return;
      const b = bodies ? bodies[k] : body(m, m.batches[k]);
      const s = performance.now();
      const r = await post(agent, b.text).catch((e: Error) => ({ status: 0, body: e.message }));
      latencies.push(performance.now() - s);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 201 || r.status === 200) registrations += b.n;
      else if (errors.length < 5) errors.push(`${r.status} ${r.body}`);
    }
  };
  await Promise.all(Array.from({ length: m.concurrency }, lane));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  const stopped = stopRequested;
  stopRequested = false;
  running = false;
  return { type: 'done', id: m.id, batches: latencies.length, registrations, seconds: secs, latencies, statuses, errors, stopped };
}

let queue = Promise.resolve();
parentPort!.on('message', (m: RunMessage | { type: 'stop' }) => {
  if (m.type === 'stop') stopRequested = running;
  else queue = queue.then(async () => parentPort!.postMessage(await run(m)));
});
