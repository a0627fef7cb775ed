/* global setInterval */
import { tryJson } from '../lib/api.js';
import { clear, h, main, notice, section, table } from '../lib/dom.js';
import { fmtDateTime, fmtInt } from '../lib/format.js';
import { track, unavailable, whenReady } from '../lib/page.js';

/*
 * Pipeline status: the last transform runs (with their steps), the lag of each consumer
 * group and the latest data-quality results, as /api/pipeline/status reports them;
 * refreshed every 30 s.
 */

const badge = (status) =>
  h(
    'span',
    { class: `badge ${status === 'succeeded' || status === 'ok' ? 'ok' : 'needs-reconnect'}` },
    status,
  );
const stat = (value, text) =>
  h('div', { class: 'stat' }, h('strong', {}, value), h('span', {}, text));
const totalsText = (totals) =>
  totals && typeof totals === 'object'
    ? Object.entries(totals)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
        .join(', ')
    : '—';

async function render(view) {
  const result = await tryJson('/api/pipeline/status');
  clear(view);
  if (!result.data) {
    view.append(section('Pipeline', unavailable(result.problem, 'pipeline status')));
    return;
  }
  const s = result.data;
  view.append(
    section(
      'Now',
      h(
        'div',
        { class: 'stats', 'data-testid': 'pipeline-summary' },
        stat(s.lastRunStatus ?? 'no run yet', 'last transform run'),
        stat(fmtDateTime(s.lastRunFinishedAt), 'finished'),
        stat(
          s.totalLag === null || s.totalLag === undefined ? 'unknown' : fmtInt(s.totalLag),
          'records waiting in Kafka',
        ),
      ),
    ),
    section(
      'Transform runs',
      (s.runs ?? []).length === 0
        ? notice('No transform run yet.')
        : table(
            [
              { label: 'Run', value: (r) => r.runId },
              { label: 'Trigger', value: (r) => r.trigger },
              { label: 'Status', value: (r) => badge(r.status) },
              { label: 'Rows in', value: (r) => fmtInt(r.rowsIn), num: true },
              { label: 'Rows out', value: (r) => fmtInt(r.rowsOut), num: true },
              { label: 'Quarantined', value: (r) => fmtInt(r.rowsQuarantined), num: true },
              {
                label: 'Seconds',
                value: (r) => (r.seconds === null ? '—' : Math.round(r.seconds * 10) / 10),
                num: true,
              },
              {
                label: 'Steps',
                value: (r) => (r.steps ?? []).map((st) => `${st.step} ${st.status}`).join(' · '),
              },
              { label: 'Started', value: (r) => fmtDateTime(r.startedAt) },
            ],
            s.runs,
            { 'data-testid': 'pipeline-runs' },
          ),
    ),
    section(
      'Consumer lag',
      (s.consumerLag ?? []).length === 0
        ? notice('No lag figures (Kafka not reachable from the API, or no consumer group yet).')
        : table(
            [
              { label: 'Consumer group', value: (l) => l.groupId },
              { label: 'Topic', value: (l) => l.topic },
              {
                label: 'Lag',
                value: (l) => (l.lag === null ? (l.error ?? 'unknown') : fmtInt(l.lag)),
                num: true,
              },
            ],
            s.consumerLag,
            { 'data-testid': 'pipeline-lag' },
          ),
    ),
    section(
      'Data quality',
      (s.quality ?? []).length === 0
        ? notice('No quality results yet.')
        : table(
            [
              { label: 'Run', value: (q) => q.runId },
              { label: 'Status', value: (q) => badge(q.runStatus) },
              { label: 'Checked', value: (q) => fmtDateTime(q.checkedAt) },
              { label: 'Totals', value: (q) => totalsText(q.totals) },
              { label: 'Blocked by', value: (q) => q.blockedBy ?? '—' },
              { label: 'Report', value: (q) => q.reportKey },
            ],
            s.quality,
            { 'data-testid': 'pipeline-quality' },
          ),
    ),
    h('p', { class: 'muted' }, `Updated ${new Date().toISOString().slice(11, 19)} UTC`),
  );
}

whenReady(async () => {
  const root = clear(main());
  root.append(h('h1', {}, 'Pipeline status'));
  const view = h('div', { id: 'view' });
  root.append(view);
  await track(render(view));
  setInterval(() => void render(view), 30_000);
});
