import type { Knex } from 'knex';

/*
 * The transform records each step's start and end in app.transform_steps as it runs:
 * the benchmark reads its times from there (the same numbers `transform status` shows)
 * and, while the run goes, polls them to print a line as each step starts and ends.
 */
export interface StepTiming {
  step: string;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  seconds: number | undefined;
  counts: Record<string, unknown> | null;
}

/** Seconds during which two steps ran at the same time (the transform overlaps some). */
export function overlapSeconds(a: StepTiming | undefined, b: StepTiming | undefined): number {
  if (!a?.startedAt || !a.finishedAt || !b?.startedAt || !b.finishedAt) return 0;
  const start = Math.max(a.startedAt.getTime(), b.startedAt.getTime());
  const end = Math.min(a.finishedAt.getTime(), b.finishedAt.getTime());
  return Math.max(0, end - start) / 1000;
}

interface StepRow {
  step: string;
  status: string;
  started_at: Date | null;
  finished_at: Date | null;
  counts: Record<string, unknown> | null;
}

export async function readStepTimings(db: Knex, runId: string): Promise<StepTiming[]> {
  const rows = (await db('app.transform_steps')
    .where({ run_id: runId })
    .orderBy('position')
    .select('step', 'status', 'started_at', 'finished_at', 'counts')) as StepRow[];
  return rows.map((row) => ({
    step: row.step,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    seconds:
      row.started_at && row.finished_at
        ? (row.finished_at.getTime() - row.started_at.getTime()) / 1000
        : undefined,
    counts: row.counts,
  }));
}

const POLL_MS = 1_000;
/** A step running longer than this gets a "still running" line now and then. */
const STILL_RUNNING_EVERY_MS = 15_000;

/**
 * Prints a line whenever a step of the run starts or ends; call the result to stop (it
 * polls once more, so the last steps' ends are printed too).
 */
export function watchSteps(
  db: Knex,
  runId: string,
  say: (line: string) => void,
): () => Promise<void> {
  const reported = new Map<string, string>();
  let lastLine = performance.now();
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      for (const step of await readStepTimings(db, runId)) {
        if (reported.get(step.step) === step.status) continue;
        reported.set(step.step, step.status);
        if (step.status === 'running') say(`  ${step.step}: running…`);
        else if (step.status !== 'pending')
          say(`  ${step.step}: ${step.status} in ${step.seconds?.toFixed(2) ?? '?'} s`);
        lastLine = performance.now();
      }
      if (performance.now() - lastLine > STILL_RUNNING_EVERY_MS) {
        const running = [...reported].find(([, status]) => status === 'running');
        if (running) say(`  ${running[0]}: still running…`);
        lastLine = performance.now();
      }
    } catch {
      // The run's rows are not there yet, or the pool is busy: the next poll tells.
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  return async () => {
    clearInterval(timer);
    while (polling) await new Promise((resolve) => setTimeout(resolve, 50));
    await poll();
  };
}
