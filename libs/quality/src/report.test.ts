import { describe, expect, it } from 'vitest';
import { checkTable } from './evaluate.ts';
import { defineModelQuality, notNull, rowCount, unique } from './expectations.ts';
import { buildQualityReport, qualityReportKeys, renderQualityReportJson } from './report.ts';
import { useInMemoryDuckDb } from './test-support/in-memory-duckdb.ts';

const now = new Date('2026-11-23T12:00:00Z');

describe('quality report', () => {
  const db = useInMemoryDuckDb();

  // Two models of one run: artists is clean, plays is blocked by a duplicate key.
  const runReport = async () => {
    await db.conn.run(
      `CREATE TABLE plays AS SELECT * FROM (VALUES ('a', 1), ('a', 1), ('b', NULL)) AS v(track_id, n)`,
    );
    await db.conn.run(`CREATE TABLE artists AS SELECT * FROM (VALUES ('x')) AS v(artist_id)`);
    const plays = await checkTable(db.conn, {
      table: 'plays',
      model: defineModelQuality({
        model: 'plays',
        expectations: [notNull('n', { severity: 'warn' }), unique(['track_id'])],
      }),
      now,
    });
    const artists = await checkTable(db.conn, {
      table: 'artists',
      model: defineModelQuality({ model: 'artists', expectations: [rowCount({ min: 1 })] }),
      now,
    });
    return buildQualityReport({ runId: 'run-1', startedAt: now, models: [plays, artists] });
  };

  it('totals the run and says which expectation blocked which model, and why', async () => {
    const report = await runReport();
    expect(report.runId).toBe('run-1');
    expect(report.startedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(report.totals).toEqual({
      models: 2,
      blockedModels: 1,
      expectations: 3,
      failedExpectations: 2,
      rowsIn: 4,
      rowsPassed: 3,
      rowsQuarantined: 1,
    });
    expect(report.blocked).toEqual([
      {
        model: 'plays',
        expectation: 'unique(track_id)',
        reason: '2 of 2 rows share 1 duplicated key of (track_id), above the 0.0% allowed',
      },
    ]);
  });

  it('renders as JSON that parses back to the same report, every field present', async () => {
    const report = await runReport();
    const json = renderQualityReportJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(json);
    expect(parsed).toEqual(report);
    expect(Object.keys(parsed)).toEqual(['runId', 'startedAt', 'models', 'totals', 'blocked']);
    expect(parsed.models[0]).toEqual({
      model: 'plays',
      table: 'plays',
      checkedAt: '2026-11-23T12:00:00.000Z',
      counts: { in: 3, passed: 2, quarantined: 1 },
      blocking: true,
      expectations: [
        {
          name: 'not_null(n)',
          kind: 'not_null',
          columns: ['n'],
          severity: 'warn',
          status: 'fail',
          failingRows: 1,
          failingShare: 1 / 3,
          maxFailingShare: 0.05,
          blocking: false,
          sample: ['{"track_id":"b","n":null}'],
          detail: '1 of 3 rows (33.3%) are NULL',
        },
        {
          name: 'unique(track_id)',
          kind: 'unique',
          columns: ['track_id'],
          severity: 'critical',
          status: 'fail',
          failingRows: 2,
          failingShare: 1,
          maxFailingShare: 0,
          blocking: true,
          sample: ['track_id=a (2 rows)'],
          detail: '2 of 2 rows share 1 duplicated key of (track_id)',
        },
      ],
    });
  });

  it('a row_count or freshness reason is the observation itself', () => {
    const report = buildQualityReport({
      runId: 'r',
      startedAt: now,
      models: [
        {
          model: 'm',
          table: 'm',
          checkedAt: now.toISOString(),
          counts: { in: 0, passed: 0, quarantined: 0 },
          blocking: true,
          expectations: [
            {
              name: 'row_count',
              kind: 'row_count',
              columns: [],
              severity: 'critical',
              status: 'fail',
              failingRows: 0,
              failingShare: 1,
              maxFailingShare: 0,
              blocking: true,
              sample: [],
              detail: '0 rows passed; expected at least 1',
            },
          ],
        },
      ],
    });
    expect(report.blocked[0]?.reason).toBe('0 rows passed; expected at least 1');
  });

  it('goes to quality/<run>/ in the presentation bucket, the run id kept one segment', () => {
    expect(qualityReportKeys('transform-2026-11-23')).toEqual({
      json: 'quality/transform-2026-11-23/report.json',
      html: 'quality/transform-2026-11-23/report.html',
    });
    expect(qualityReportKeys('a/../b').json).toBe('quality/a%2F..%2Fb/report.json');
    expect(() => qualityReportKeys('..')).toThrow(/not a run id/);
    expect(() => qualityReportKeys('')).toThrow(/not a run id/);
  });
});
