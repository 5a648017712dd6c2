// Progress on stderr (stdout carries the JSON result): a bar on a terminal, a line now and then otherwise.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (done, t) => {
        if (t !== undefined) bar.setTotal(t);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, t) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      process.stderr.write(`${label}: ${done}${t ?? total ? `/${t ?? total}` : ''}\n`);
    },
    stop: () => {},
  };
}
