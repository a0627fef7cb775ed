import type { Client } from 'minio';
import pLimit from 'p-limit';
import { createProgress } from '../ingest/progress.ts';
import type { Catalogue } from './synthetic-catalogue.ts';
import { rawObjectLines, type RawObjectPlan } from './synthetic-raw-plays.ts';

/** MinIO takes a few puts at once well on two cores; more only queue. */
const UPLOADS_AT_ONCE = 4;

export interface UploadedRaw {
  objects: number;
  lines: number;
  bytes: number;
}

/**
 * Generates each planned object and puts it into the bucket, a few at a time. An object
 * (5,000 lines, about 12 MB) is built in memory whole, so its size is known and the put
 * is one request; only the objects in flight are ever in memory, never the lake.
 */
export async function uploadRawPlays(
  lake: Client,
  bucket: string,
  plans: readonly RawObjectPlan[],
  catalogue: Catalogue,
  runId: string,
): Promise<UploadedRaw> {
  const limit = pLimit(UPLOADS_AT_ONCE);
  const total = plans.reduce((n, plan) => n + plan.lines, 0);
  const progress = createProgress('generate + upload raw', total);
  let lines = 0;
  let bytes = 0;
  await Promise.all(
    plans.map((plan) =>
      limit(async () => {
        const body = Buffer.from([...rawObjectLines(plan, catalogue, runId)].join(''));
        await lake.putObject(bucket, plan.key, body, body.length, {
          'Content-Type': 'application/x-ndjson',
        });
        lines += plan.lines;
        bytes += body.length;
        progress.update(lines);
      }),
    ),
  );
  progress.finish();
  return { objects: plans.length, lines, bytes };
}
