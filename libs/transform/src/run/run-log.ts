import type { Knex } from 'knex';

export const STEPS = ['discover', 'validate', 'promote', 'load', 'aggregate', 'checks'] as const;
export type StepName = (typeof STEPS)[number];

export type RunTrigger = 'schedule' | 'manual' | 'backfill';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'blocked';

export interface RunTotals {
  objectsIn: number;
  rowsIn: number;
  rowsOut: number;
  rowsQuarantined: number;
}

/** Retries per step and the pause before each retry (doubling). */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 1000 };

/**
 * A run's history in app.transform_runs / app.transform_steps, written as it happens so
 * `transform status` shows a live run, and a crashed one stays visible as `running`
 * with the step it was in.
 */
export class RunLog {
  readonly runId: string;
  readonly #db: Knex;

  private constructor(db: Knex, runId: string) {
    this.#db = db;
    this.runId = runId;
  }

  static async start(
    db: Knex,
    runId: string,
    trigger: RunTrigger,
    backfill?: { from: string; to: string },
  ): Promise<RunLog> {
    await db.transaction(async (trx) => {
      await trx('app.transform_runs').insert({
        run_id: runId,
        trigger,
        status: 'running',
        backfill_from: backfill?.from ?? null,
        backfill_to: backfill?.to ?? null,
      });
      await trx('app.transform_steps').insert(
        STEPS.map((step, position) => ({ run_id: runId, step, position, status: 'pending' })),
      );
    });
    return new RunLog(db, runId);
  }

  /**
   * Runs one step with retries; a step whose error is not worth retrying (`canRetry:
   * false`) fails at once. `counts` picks from the step's result what the history keeps.
   */
  async step<T>(
    step: StepName,
    fn: () => Promise<T>,
    counts: (value: T) => Record<string, number | string>,
    retry: RetryPolicy = DEFAULT_RETRY,
  ): Promise<T> {
    const where = { run_id: this.runId, step };
    await this.#db('app.transform_steps')
      .where(where)
      .update({ status: 'running', started_at: this.#db.fn.now() });
    for (let attempt = 1; ; attempt++) {
      await this.#db('app.transform_steps').where(where).update({ attempts: attempt });
      try {
        const value = await fn();
        await this.#db('app.transform_steps')
          .where(where)
          .update({
            status: 'succeeded',
            counts: JSON.stringify(counts(value)),
            error: null,
            finished_at: this.#db.fn.now(),
          });
        return value;
      } catch (error) {
        const retryable = (error as { canRetry?: boolean }).canRetry !== false;
        if (!retryable || attempt >= retry.attempts) {
          await this.#db('app.transform_steps')
            .where(where)
            .update({
              status: 'failed',
              error: (error as Error).message,
              finished_at: this.#db.fn.now(),
            });
          throw error;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, retry.firstDelayMs * 2 ** (attempt - 1)),
        );
      }
    }
  }

  async skipRemaining(): Promise<void> {
    await this.#db('app.transform_steps')
      .where({ run_id: this.runId, status: 'pending' })
      .update({ status: 'skipped' });
  }

  async finish(status: RunStatus, totals: Partial<RunTotals>, error?: string): Promise<void> {
    await this.skipRemaining();
    await this.#db('app.transform_runs')
      .where({ run_id: this.runId })
      .update({
        status,
        objects_in: totals.objectsIn ?? 0,
        rows_in: totals.rowsIn ?? 0,
        rows_out: totals.rowsOut ?? 0,
        rows_quarantined: totals.rowsQuarantined ?? 0,
        error: error ?? null,
        finished_at: this.#db.fn.now(),
      });
  }
}
