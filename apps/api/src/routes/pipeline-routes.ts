import type { FastifyInstance } from 'fastify';
import { qualityReportKeys } from '@spotify-insights/quality';
import { recentQualityResults, recentTransformRuns } from '@spotify-insights/warehouse';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors/api-error.ts';
import { pageOf, pageQuery, errorResponse } from '../params/schemas.ts';
import { rawLanderLags } from '../pipeline/consumer-lags.ts';

const int = { type: 'integer' };
const str = { type: 'string' };
const nullable = (type: string) => ({ type: [type, 'null'] });
const dateTime = { type: ['string', 'null'], format: 'date-time' };
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });
const counts = { type: ['object', 'null'], additionalProperties: true };

const step = obj({
  step: str,
  status: str,
  attempts: int,
  counts,
  error: nullable('string'),
  startedAt: dateTime,
  finishedAt: dateTime,
});
const run = obj({
  runId: str,
  trigger: str,
  status: str,
  objectsIn: int,
  rowsIn: int,
  rowsOut: int,
  rowsQuarantined: int,
  error: nullable('string'),
  startedAt: dateTime,
  finishedAt: dateTime,
  seconds: nullable('number'),
  steps: { type: 'array', items: step },
});
const lag = obj({
  groupId: str,
  topic: str,
  lag: nullable('integer'),
  endOffsets: nullable('integer'),
  error: nullable('string'),
});
const quality = obj({
  runId: str,
  runStatus: str,
  checkedAt: dateTime,
  totals: { type: 'object', additionalProperties: true },
  blockedBy: nullable('string'),
  reportKey: { type: 'string', description: 'the HTML report in the presentation bucket' },
});

/*
 * Pipeline status: never cached (it is what someone looks at to see whether a run just
 * finished), read as the owner (app tables) and from Kafka.
 */
export function registerPipelineRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const qualityWithKeys = async (limit: number) =>
    (await recentQualityResults(deps.owner, limit)).map((q) => ({
      ...q,
      reportKey: `presentation/${qualityReportKeys(q.runId).html}`,
    }));

  app.get(
    '/api/pipeline/status',
    {
      schema: {
        tags: ['pipeline'],
        summary:
          'The last transform runs, the lag of each consumer group and the latest quality results',
        response: {
          200: obj({
            lastRunStatus: nullable('string'),
            lastRunFinishedAt: dateTime,
            totalLag: nullable('integer'),
            runs: { type: 'array', items: run },
            consumerLag: { type: 'array', items: lag },
            quality: { type: 'array', items: quality },
          }),
        },
      },
    },
    async () => {
      const [runs, lags, qualityResults] = await Promise.all([
        recentTransformRuns(deps.owner, { limit: 5, offset: 0 }),
        deps.kafkaAdmin ? rawLanderLags(deps.kafkaAdmin) : Promise.resolve([]),
        qualityWithKeys(5),
      ]);
      const known = lags.filter((l) => l.lag !== null);
      return {
        lastRunStatus: runs.items[0]?.status ?? null,
        lastRunFinishedAt: runs.items[0]?.finishedAt ?? null,
        totalLag: known.length ? known.reduce((sum, l) => sum + l.lag!, 0) : null,
        runs: runs.items,
        consumerLag: lags,
        quality: qualityResults,
      };
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/api/pipeline/runs',
    {
      schema: {
        tags: ['pipeline'],
        summary: 'Transform runs, newest first, each with its steps',
        querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
        response: { 200: pageOf(run), 400: errorResponse },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      return { ...(await recentTransformRuns(deps.owner, { limit, offset })), limit, offset };
    },
  );

  app.get(
    '/api/pipeline/lag',
    {
      schema: {
        tags: ['pipeline'],
        summary: 'Lag of each raw-lander consumer group on its topic (records not yet committed)',
        response: { 200: obj({ items: { type: 'array', items: lag } }), 503: errorResponse },
      },
    },
    async () => {
      if (!deps.kafkaAdmin)
        throw new ApiError('NOT_AVAILABLE', 'the API was started without a Kafka connection');
      return { items: await rawLanderLags(deps.kafkaAdmin) };
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    '/api/pipeline/quality',
    {
      schema: {
        tags: ['pipeline'],
        summary: 'Data-quality results of the latest runs (the validate step’s totals)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: pageQuery.limit },
        },
        response: { 200: obj({ items: { type: 'array', items: quality } }), 400: errorResponse },
      },
    },
    async (request) => ({ items: await qualityWithKeys(request.query.limit) }),
  );
}
