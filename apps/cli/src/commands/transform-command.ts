import type { AppConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import {
  formatRunGrid,
  recentRuns,
  runTransform,
  type TransformRunResult,
} from '@spotify-insights/transform';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';

const USAGE = `Usage:
  transform run                         run the DAG once, now, on what is new in raw
  transform backfill <from> <to>        run it on every raw object of a date range (YYYY-MM-DD)
  transform status [--limit N]          recent runs, one line each, a mark per step
`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function describeRun(result: TransformRunResult): string {
  const lines = [`run ${result.runId}: ${result.status}, ${result.objectsIn} raw objects`];
  if (result.pendingObjects > 0)
    lines.push(`  ${result.pendingObjects} objects not committed by the consumers yet: next run`);
  if (result.quality) {
    const t = result.quality.totals;
    lines.push(
      `  rows: ${t.rowsIn} in, ${t.rowsPassed} passed, ${t.rowsQuarantined} quarantined; ` +
        `${t.failedExpectations}/${t.expectations} expectations failed`,
    );
    for (const b of result.quality.blocked)
      lines.push(`  blocked: ${b.model}.${b.expectation}: ${b.reason}`);
    lines.push(
      `  quality report: presentation/quality/${encodeURIComponent(result.runId)}/report.html`,
    );
  }
  if (result.loaded) {
    const changed = result.loaded.filter((l) => l.merged > 0);
    lines.push(
      `  warehouse: ${changed.map((l) => `${l.model} +${l.merged}`).join(', ') || 'nothing new'}`,
    );
  }
  return lines.join('\n');
}

/** `transform run | backfill <from> <to> | status`: the transform from the command line. */
export async function transformCommand(argv: string[], config: AppConfig): Promise<number> {
  const [action, ...args] = argv;
  const logger = createLogger('transform', { level: config.logLevel });
  const db = createWarehouseDb(config.warehouse, { poolMax: 4 });
  try {
    await prepareWarehouse(db, config.warehouse);
    if (action === 'status') {
      const limitAt = args.indexOf('--limit');
      const limit = limitAt >= 0 ? Number(args[limitAt + 1]) || 10 : 10;
      process.stdout.write(`${formatRunGrid(await recentRuns(db, limit))}\n`);
      return 0;
    }
    if (action === 'run' || action === 'backfill') {
      let backfill: { from: string; to: string } | undefined;
      if (action === 'backfill') {
        const [from, to] = args;
        if (!from || !to || !DAY.test(from) || !DAY.test(to) || from > to) {
          process.stderr.write(`backfill needs two dates, from ≤ to, as YYYY-MM-DD\n${USAGE}`);
          return 2;
        }
        backfill = { from, to };
      }
      const result = await runTransform(
        { db, lake: createLakeClient(config.lake), logger },
        { trigger: backfill ? 'backfill' : 'manual', ...(backfill ? { backfill } : {}) },
      );
      process.stdout.write(`${describeRun(result)}\n`);
      return result.status === 'blocked' ? 3 : 0;
    }
    process.stderr.write(USAGE);
    return 2;
  } finally {
    await db.destroy();
  }
}
