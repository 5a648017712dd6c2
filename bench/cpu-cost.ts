// CPU spent by a timed part of a benchmark, split between this Node process (all its threads: the
// server under test and the load generator) and the PostgreSQL processes of the machine (backends,
// WAL writer, checkpointer), read from /proc. Throughput on a shared host swings by half within an
// hour; CPU milliseconds per 1,000 rows moves far less, so it says whether a change made the work cheaper.
// PostgreSQL on another machine (or no /proc) gives postgresMs null.
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSnapshot {
  nodeMicros: number;
  postgresTicks: number | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function postgresTicks(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  let ticks = 0;
  let seen = 0;
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
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    seen++;
  }
  return seen ? ticks : null;
}

export function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return { nodeMicros: u.user + u.system, postgresTicks: postgresTicks() };
}

/** CPU milliseconds per 1,000 rows since the snapshot. */
export function cpuPerThousand(since: CpuSnapshot, rows: number): { nodeMs: number; postgresMs: number | null } {
  const now = cpuSnapshot();
  const per = (ms: number) => Math.round((ms / rows) * 1000 * 10) / 10;
  return {
    nodeMs: per((now.nodeMicros - since.nodeMicros) / 1000),
    postgresMs: now.postgresTicks === null || since.postgresTicks === null ? null : per(((now.postgresTicks - since.postgresTicks) * 1000) / TICKS_PER_SECOND),
  };
}
