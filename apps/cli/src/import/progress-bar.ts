import type { ImportProgress } from '@spotify-insights/ingestion';

const WIDTH = 24;

/**
 * One line of an import's progress: the file, a bar and percent by bytes (the
 * array's length is unknown until the end), records per second since `startedAt`.
 */
export function progressLine(p: ImportProgress, startedAt: number, now: number): string {
  const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 1;
  const filled = Math.round(share * WIDTH);
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const rate = Math.round((p.records + p.deadLettered) / seconds);
  return (
    `${p.file} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ` +
    `${(share * 100).toFixed(0).padStart(3)}%  ${p.records} records` +
    `${p.deadLettered > 0 ? `, ${p.deadLettered} dead-lettered` : ''}  ${rate} records/s`
  );
}

/** Redraws the progress line in place on a terminal; on a pipe, writes nothing until the end. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const startedAt = Date.now();
  let last = '';
  return {
    update(p: ImportProgress): void {
      last = progressLine(p, startedAt, Date.now());
      if (stream.isTTY) stream.write(`\r\x1b[2K${last}`);
    },
    done(): void {
      if (last) stream.write(stream.isTTY ? '\n' : `${last}\n`);
      last = '';
    },
  };
}
