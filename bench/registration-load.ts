// Main-thread handle on the sampler fleet (registration-load-worker.ts): one worker thread, runs
// sent to it one after another, a stop for continuous loads.
import { Worker } from 'node:worker_threads';
import type { DoneMessage, RunMessage } from './registration-load-worker.ts';
import type { TubePlan } from './screening-setup.ts';

export type LoadRun = Omit<RunMessage, 'type' | 'id'>;
export type LoadResult = DoneMessage;

export interface RegistrationLoad {
  run(r: LoadRun): Promise<LoadResult>;
  /** Ends the current run after its in-flight batches (its promise then resolves with stopped = true). */
  stop(): void;
  close(): Promise<void>;
}

export function startRegistrationLoad(url: string, token: string, plan: TubePlan): RegistrationLoad {
  // The worker is TypeScript: load it through tsx's loader, registered inside the worker thread.
  const file = new URL('./registration-load-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { url, token, plan } });
  const pending = new Map<number, { resolve: (d: LoadResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.on('message', (m: DoneMessage) => {
    pending.get(m.id)?.resolve(m);
    pending.delete(m.id);
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  return {
    run(r) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'run', id, ...r } satisfies RunMessage);
      });
    },
    stop: () => worker.postMessage({ type: 'stop' }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** [first tube, end tube) per batch, from batches of whole tubes. */
export function tubeRanges(batches: { n: number }[][]): [number, number][] {
  return batches.map((b) => [b[0].n, b[b.length - 1].n + 1]);
}
