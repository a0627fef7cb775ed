/**
 * One progress line on stderr while a stage runs (the table goes to stdout). On a
 * terminal it rewrites itself; in a log it prints at most every few seconds.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const TTY_INTERVAL_MS = 250;
const LOG_INTERVAL_MS = 5_000;

export function createProgress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastWrite = 0;
  let last = 0;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const percent = Math.floor((done / total) * 100);
    return `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} records (${percent}%), ${rate.toLocaleString('en-US')}/s, ${seconds.toFixed(1)} s`;
  };
  return {
    update(done) {
      last = done;
      const now = performance.now();
      if (now - lastWrite < (tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
      lastWrite = now;
      process.stderr.write(tty ? `\r\x1b[2K${line(done)}` : `${line(done)}\n`);
    },
    finish() {
      process.stderr.write(tty ? `\r\x1b[2K${line(last)}\n` : `${line(last)}\n`);
    },
  };
}
