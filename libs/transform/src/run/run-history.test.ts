import { describe, expect, it } from 'vitest';
import { formatRunGrid, type RunSummary } from './run-history.ts';

const run = (overrides: Partial<RunSummary>): RunSummary => ({
  runId: 'r1',
  trigger: 'schedule',
  status: 'succeeded',
  startedAt: new Date('2026-11-23T03:00:00Z'),
  finishedAt: new Date('2026-11-23T03:00:12.5Z'),
  objectsIn: 12,
  rowsIn: 1000,
  rowsOut: 990,
  rowsQuarantined: 10,
  error: null,
  steps: Object.fromEntries(
    ['discover', 'validate', 'promote', 'load', 'aggregate', 'checks'].map((s) => [
      s,
      { status: 'succeeded', attempts: 1 },
    ]),
  ),
  ...overrides,
});

describe('formatRunGrid', () => {
  it('shows one line per run with a mark per step, counts and duration', () => {
    const grid = formatRunGrid([
      run({}),
      run({
        runId: 'r0',
        status: 'blocked',
        startedAt: new Date('2026-11-23T02:00:00Z'),
        finishedAt: new Date('2026-11-23T02:01:30Z'),
        error: 'plays.track_id_not_null: 40% of rows failed',
        steps: {
          discover: { status: 'succeeded', attempts: 2 },
          validate: { status: 'succeeded', attempts: 1 },
          promote: { status: 'skipped', attempts: 0 },
        },
      }),
    ]);
    const lines = grid.split('\n');
    expect(lines[0]).toMatch(/^started \(UTC\)\s+trigger\s+discover\s+validate\s+promote/);
    expect(lines[1]).toMatch(
      /^2026-11-23 03:00:00 schedule ✔ +✔ +✔ +✔ +✔ +✔ +succeeded +12 +1000 +990 +10 12\.5 s$/,
    );
    expect(lines[2]).toMatch(
      /^2026-11-23 02:00:00 schedule ✔2 +✔ +– +· +· +· +blocked .* 1\.5 min$/,
    );
    expect(grid).toContain('r0: plays.track_id_not_null: 40% of rows failed');
  });
});
