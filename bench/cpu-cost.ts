// CPU spent by a timed part of a benchmark, split between this Node process (all its threads: the
// server under test and the load generator) and the PostgreSQL processes of the machine (backends,
// WAL writer, checkpointer), read from /proc. Throughput on a shared host swings by half within an
// hour; CPU milliseconds per 1,000 rows moves far less, so it says whether a change made the work cheaper.
// PostgreSQL on another machine (or no /proc) gives postgresMs null.
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSnapshot {
  nodeMicros: number;
  /** CPU ticks of each PostgreSQL process by pid, or null when none is visible. */
  postgresTicks: Map<number, number> | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function postgresTicks(): Map<number, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (stat.slice(open + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks.set(Number(pid), Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14 and 15 of stat)
  }
  return ticks.size ? ticks : null;
}

export function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return { nodeMicros: u.user + u.system, postgresTicks: postgresTicks() };
}

/**
 * PostgreSQL ticks spent between two snapshots, per process: a backend that ended in between (an idle
 * pool connection closing) takes its whole past out of a plain sum, which then went negative. Its
 * share of the interval is lost instead, so the figure is a floor; one started in between counts whole.
 */
function postgresTicksBetween(since: Map<number, number>, now: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of now) {
    const before = since.get(pid);
    sum += before !== undefined && before <= t ? t - before : t; // fewer ticks than before: a new process took the pid
  }
  return sum;
}

/** CPU milliseconds per 1,000 rows since the snapshot. */
export function cpuPerThousand(since: CpuSnapshot, rows: number): { nodeMs: number; postgresMs: number | null } {
  const now = cpuSnapshot();
  const per = (ms: number) => Math.round((ms / rows) * 1000 * 10) / 10;
  return {
    nodeMs: per((now.nodeMicros - since.nodeMicros) / 1000),
    postgresMs: now.postgresTicks === null || since.postgresTicks === null ? null : per((postgresTicksBetween(since.postgresTicks, now.postgresTicks) * 1000) / TICKS_PER_SECOND),
  };
}
