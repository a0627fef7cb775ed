import type { Knex } from 'knex';

/*
 * The transform's recorded history (app.transform_runs / transform_steps), for the API's
 * pipeline status. Reads `app`, so it runs as the owner; fixed queries, no user input
 * but the page bounds.
 */

export interface StepStatus {
  step: string;
  status: string;
  attempts: number;
  counts: Record<string, number | string> | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface RunStatus {
  runId: string;
  trigger: string;
  status: string;
  objectsIn: number;
  rowsIn: number;
  rowsOut: number;
  rowsQuarantined: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  seconds: number | null;
  steps: StepStatus[];
}

export async function recentTransformRuns(
  owner: Knex,
  page: { limit: number; offset: number },
): Promise<{ items: RunStatus[]; total: number }> {
  const result = await owner.raw<{ rows: Record<string, unknown>[] }>(
    `select r.*, extract(epoch from r.finished_at - r.started_at) as seconds,
            count(*) over () as total,
            coalesce((select json_agg(json_build_object(
                        'step', s.step, 'status', s.status, 'attempts', s.attempts,
                        'counts', s.counts, 'error', s.error,
                        'startedAt', s.started_at, 'finishedAt', s.finished_at)
                      order by s.position)
                      from app.transform_steps s where s.run_id = r.run_id), '[]') as steps
     from app.transform_runs r
     order by r.started_at desc, r.run_id
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { ...page },
  );
  return {
    total: result.rows.length ? Number(result.rows[0]!.total) : 0,
    items: result.rows.map((r) => ({
      runId: String(r.run_id),
      trigger: String(r.trigger),
      status: String(r.status),
      objectsIn: Number(r.objects_in),
      rowsIn: Number(r.rows_in),
      rowsOut: Number(r.rows_out),
      rowsQuarantined: Number(r.rows_quarantined),
      error: (r.error as string | null) ?? null,
      startedAt: r.started_at as Date,
      finishedAt: (r.finished_at as Date | null) ?? null,
      seconds: r.seconds === null ? null : Math.round(Number(r.seconds) * 10) / 10,
      steps: r.steps as StepStatus[],
    })),
  };
}

export interface QualityResult {
  runId: string;
  runStatus: string;
  checkedAt: Date | null;
  /** the validate step's totals: models, expectations, failedExpectations, rows in/passed/quarantined */
  totals: Record<string, number | string>;
  /** for a blocked run, the critical expectations that blocked it */
  blockedBy: string | null;
}

/** The data-quality outcome of the latest runs that got as far as checking expectations. */
export async function recentQualityResults(owner: Knex, limit: number): Promise<QualityResult[]> {
  const result = await owner.raw<{ rows: Record<string, unknown>[] }>(
    `select r.run_id, r.status, s.finished_at, s.counts,
            case when r.status = 'blocked' then r.error end as blocked_by
     from app.transform_steps s join app.transform_runs r using (run_id)
     where s.step = 'validate' and s.status = 'succeeded'
     order by r.started_at desc, r.run_id
     limit cast(:limit as integer)`,
    { limit },
  );
  return result.rows.map((r) => ({
    runId: String(r.run_id),
    runStatus: String(r.status),
    checkedAt: (r.finished_at as Date | null) ?? null,
    totals: (r.counts as Record<string, number | string> | null) ?? {},
    blockedBy: (r.blocked_by as string | null) ?? null,
  }));
}
