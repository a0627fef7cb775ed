import { readFile } from 'node:fs/promises';

/**
 * The floor any importer stands on: read every file whole and JSON.parse it, nothing
 * else (no mapping, no validation, no Kafka). Plays per second of that is the baseline
 * the import stage is compared with.
 */
export async function measureJsonParse(
  files: readonly string[],
): Promise<{ plays: number; seconds: number }> {
  const started = performance.now();
  let plays = 0;
  for (const file of files) plays += (JSON.parse(await readFile(file, 'utf8')) as unknown[]).length;
  return { plays, seconds: (performance.now() - started) / 1000 };
}
