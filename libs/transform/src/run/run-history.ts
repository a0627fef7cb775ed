import type { Knex } from 'knex';
import { STEPS } from './run-log.ts';

export interface RunSummary {
  runId: string;
  trigger: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  objectsIn: number;
  rowsIn: number;
  rowsOut: number;
  rowsQuarantined: number;
  error: string | null;
  steps: Record<string, { status: string; attempts: number }>;
}

/** The latest runs, newest first, with each step's status. */
export async function recentRuns(db: Knex, limit = 10): Promise<RunSummary[]> {
  const runs = await db('app.transform_runs').orderBy('started_at', 'desc').limit(limit);
  const ids = runs.map((r: { run_id: string }) => r.run_id);
  const steps = ids.length
    ? await db('app.transform_steps').whereIn('run_id', ids).orderBy('position')
    : [];
  return runs.map((r: Record<string, unknown>) => ({
    runId: String(r.run_id),
    trigger: String(r.trigger),
    status: String(r.status),
    startedAt: r.started_at as Date,
    finishedAt: (r.finished_at as Date | null) ?? null,
    objectsIn: Number(r.objects_in),
    rowsIn: Number(r.rows_in),
    rowsOut: Number(r.rows_out),
    rowsQuarantined: Number(r.rows_quarantined),
    error: (r.error as string | null) ?? null,
    steps: Object.fromEntries(
      steps
        .filter((s: { run_id: string }) => s.run_id === r.run_id)
        .map((s: { step: string; status: string; attempts: number }) => [
          s.step,
          { status: s.status, attempts: s.attempts },
        ]),
    ),
  }));
}

const MARKS: Record<string, string> = {
  succeeded: '✔',
  failed: '✖',
  running: '▶',
  pending: '·',
  skipped: '–',
};

function duration(run: RunSummary): string {
  if (!run.finishedAt) return 'running';
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}

/**
 * The runs as a grid, one line per run and one column per step, the way Airflow's grid
 * view reads: ✔ succeeded, ✖ failed, ▶ running, – skipped, · not reached; a digit after
 * a mark is the number of attempts when it took more than one.
 */
export function formatRunGrid(runs: readonly RunSummary[]): string {
  const header = [
    'started (UTC)      ',
    'trigger ',
    ...STEPS.map((s) => s.slice(0, 9).padEnd(9)),
    'status   ',
    'objects',
    '   rows in',
    '  rows out',
    'quarantined',
    'took',
  ].join(' ');
  const lines = runs.map((run) =>
    [
      run.startedAt.toISOString().slice(0, 19).replace('T', ' '),
      run.trigger.padEnd(8),
      ...STEPS.map((step) => {
        const s = run.steps[step];
        const mark = MARKS[s?.status ?? 'pending'] ?? '?';
        return `${mark}${s && s.attempts > 1 ? s.attempts : ''}`.padEnd(9);
      }),
      run.status.padEnd(9),
      String(run.objectsIn).padStart(7),
      String(run.rowsIn).padStart(10),
      String(run.rowsOut).padStart(10),
      String(run.rowsQuarantined).padStart(11),
      duration(run),
    ].join(' '),
  );
  const errors = runs.filter((run) => run.error).map((run) => `  ${run.runId}: ${run.error}`);
  return [header, ...lines, ...(errors.length ? ['', 'errors:', ...errors] : [])].join('\n');
}
