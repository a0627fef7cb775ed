import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { TOPIC_SOURCE_NAMES } from '@spotify-insights/schemas';
import { createKafka } from '@spotify-insights/streaming';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let admin: Admin;

beforeAll(async () => {
  admin = createKafka(loadConfig().kafka).admin();
  await admin.connect();
  api = await createTestApi('api_pipeline', { deps: { kafkaAdmin: admin } });
  await api.owner('app.transform_runs').insert([
    {
      run_id: 'run-1',
      trigger: 'schedule',
      status: 'succeeded',
      objects_in: 3,
      rows_in: 100,
      rows_out: 98,
      rows_quarantined: 2,
      started_at: '2026-06-15T10:00:00Z',
      finished_at: '2026-06-15T10:00:42Z',
    },
    {
      run_id: 'run-2',
      trigger: 'manual',
      status: 'blocked',
      error: 'plays.not_null_track_id: 9% of rows, above the 5% allowed',
      started_at: '2026-06-15T11:00:00Z',
      finished_at: '2026-06-15T11:00:05Z',
    },
  ]);
  await api.owner('app.transform_steps').insert([
    {
      run_id: 'run-1',
      step: 'discover',
      position: 0,
      status: 'succeeded',
      attempts: 1,
      counts: { objects: 3 },
    },
    {
      run_id: 'run-1',
      step: 'validate',
      position: 1,
      status: 'succeeded',
      attempts: 1,
      counts: { expectations: 120, failedExpectations: 1, rowsIn: 100, rowsQuarantined: 2 },
      finished_at: '2026-06-15T10:00:20Z',
    },
    {
      run_id: 'run-2',
      step: 'validate',
      position: 1,
      status: 'succeeded',
      attempts: 1,
      counts: { expectations: 120, failedExpectations: 3 },
    },
  ]);
});
afterAll(async () => {
  await api?.close();
  await admin?.disconnect();
});

describe('pipeline status', () => {
  it('shows the runs with their steps, newest first', async () => {
    const body = (await api.app.inject({ url: '/api/pipeline/runs' })).json();
    expect(body.total).toBe(2);
    expect(body.items.map((r: { runId: string }) => r.runId)).toEqual(['run-2', 'run-1']);
    expect(body.items[1]).toMatchObject({ status: 'succeeded', seconds: 42, rowsQuarantined: 2 });
    expect(body.items[1].steps.map((s: { step: string }) => s.step)).toEqual([
      'discover',
      'validate',
    ]);
  });

  it('sums everything up, consumer lag from Kafka included', async () => {
    const res = await api.app.inject({ url: '/api/pipeline/status' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ lastRunStatus: 'blocked' });
    expect(body.quality).toEqual([
      expect.objectContaining({
        runId: 'run-2',
        blockedBy: expect.stringContaining('not_null_track_id'),
        reportKey: 'presentation/quality/run-2/report.html',
      }),
      expect.objectContaining({
        runId: 'run-1',
        totals: expect.objectContaining({ failedExpectations: 1 }),
      }),
    ]);
    expect(body.consumerLag.map((l: { groupId: string }) => l.groupId)).toEqual(
      TOPIC_SOURCE_NAMES.map((s) => `raw-lander.${s}`),
    );
    for (const lag of body.consumerLag)
      expect(lag.lag === null ? typeof lag.error : typeof lag.lag).toBe(
        lag.lag === null ? 'string' : 'number',
      );
  });

  it('says NOT_AVAILABLE for lag without Kafka', async () => {
    const noKafka = await createTestApi('api_pipeline_nokafka');
    try {
      const res = await noKafka.app.inject({ url: '/api/pipeline/lag' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('NOT_AVAILABLE');
    } finally {
      await noKafka.close();
    }
  });
});
