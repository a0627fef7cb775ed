import { PgBoss } from 'pg-boss';
import type { Logger } from '@spotify-insights/logging';
import type { TransformDeps, TransformOptions } from '../run/run-transform.ts';
import { runTransform } from '../run/run-transform.ts';
import { TransformError } from '../transform-error.ts';

export const TRANSFORM_QUEUE = 'transform';

export interface TransformJob {
  trigger: TransformOptions['trigger'];
  backfill?: TransformOptions['backfill'];
}

export interface TransformScheduler {
  /** Queues a run now (what `transform run` does while the app is up). */
  request(job: TransformJob): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * The transform on a schedule, through pg-boss (a job queue in PostgreSQL, schema
 * `pgboss`): a cron schedule queues a job, a worker runs it. The queue's `singleton`
 * policy keeps at most one job active, and the run's own advisory lock keeps two
 * instances (or a manual run) from processing the same batch. A failed run is retried
 * by pg-boss with backoff; a blocked batch is not (fixing it needs a person).
 */
export async function startTransformScheduler(
  connectionString: string,
  cron: string,
  deps: TransformDeps,
  logger: Logger,
): Promise<TransformScheduler> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss' });
  boss.on('error', (error) => logger.error('job queue error', { error }));
  await boss.start();
  await boss.createQueue(TRANSFORM_QUEUE, {
    policy: 'singleton',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
  });
  await boss.schedule(TRANSFORM_QUEUE, cron, { trigger: 'schedule' } satisfies TransformJob, {
    tz: 'UTC',
  });
  await boss.work<TransformJob>(TRANSFORM_QUEUE, async ([job]) => {
    if (!job) return;
    try {
      const result = await runTransform(deps, {
        trigger: job.data.trigger,
        ...(job.data.backfill ? { backfill: job.data.backfill } : {}),
      });
      logger.info('transform job done', { jobId: job.id, ...result, quality: undefined });
    } catch (error) {
      // Another instance runs right now: that run covers this job's work.
      if (error instanceof TransformError && error.code === 'RUN_IN_PROGRESS') return;
      throw error;
    }
  });
  logger.info('transform scheduled', { cron, queue: TRANSFORM_QUEUE });
  return {
    request: (job) => boss.send(TRANSFORM_QUEUE, job),
    stop: () => boss.stop({ graceful: true }),
  };
}
