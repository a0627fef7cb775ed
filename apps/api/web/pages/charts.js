import { enc, itemsOf, tryJson } from '../lib/api.js';
import { lineChart } from '../lib/charts.js';
import { chartBox, clear, h, main, notice, section, table } from '../lib/dom.js';
import { fmtInt } from '../lib/format.js';
import { track as trackState, unavailable, whenReady } from '../lib/page.js';

/*
 * Chart and playlist trends (seed 000): each track's rank over time as lines (rank 1 on
 * top), then new entries, biggest movers, longest on chart and artist shares as the API
 * gives them.
 */

const nameOfChart = (c) => c.chartName ?? c.name ?? c.chart ?? c.playlistName ?? c.id;

/** Rank series per track, from nested points or from flat (date, rank, track) rows. */
export function rankSeries(rows) {
  const series = new Map();
  for (const r of rows) {
    const key = r.spotifyTrackId ?? r.trackId ?? r.trackName;
    const nested = r.points ?? r.history ?? r.ranks;
    const entry = series.get(key) ?? { name: r.trackName ?? key, points: new Map() };
    if (Array.isArray(nested))
      for (const p of nested)
        entry.points.set(String(p.date ?? p.chartDate ?? p.snapshotDate).slice(0, 10), p.rank);
    else entry.points.set(String(r.date ?? r.chartDate ?? r.snapshotDate).slice(0, 10), r.rank);
    series.set(key, entry);
  }
  return [...series.values()];
}

const track = (r) =>
  h('span', {}, h('span', { class: 'track' }, r.trackName), ` — ${r.artistNames ?? ''}`);
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);
const change = (r) =>
  r.change === null || r.change === undefined
    ? 'new'
    : r.change > 0
      ? `▲ ${r.change}`
      : r.change < 0
        ? `▼ ${-r.change}`
        : '=';

const TABLES = [
  {
    title: 'New entries',
    path: 'new-entries?limit=10',
    columns: [
      { label: '#', value: (r) => r.rank, num: true },
      { label: 'Track', value: track },
      { label: 'Debut', value: (r) => (r.isDebut ? 'first time' : 're-entry') },
    ],
  },
  {
    title: 'Biggest movers',
    path: 'movers?limit=10',
    columns: [
      { label: '#', value: (r) => r.rank, num: true },
      { label: 'Track', value: track },
      { label: 'Change', value: change, num: true },
    ],
  },
  {
    title: 'Longest on chart',
    path: 'longest?limit=10',
    columns: [
      { label: 'Track', value: track },
      { label: 'Dates', value: (r) => fmtInt(r.dates), num: true },
      { label: 'Peak', value: (r) => r.peakRank, num: true },
    ],
  },
  {
    title: 'Artist share',
    path: 'artist-share?limit=10',
    columns: [
      { label: 'Artist', value: (r) => r.artistName },
      { label: 'Entries', value: (r) => fmtInt(r.entries), num: true },
      { label: 'Share', value: (r) => pct(r.share), num: true },
      { label: 'Streams', value: (r) => pct(r.streamShare), num: true },
    ],
  },
];

async function render(view, chart) {
  clear(view);
  const base = `/api/charts/${enc(chart)}`;
  const [history, ...extras] = await Promise.all([
    tryJson(`${base}/rank-history?limit=10`),
    ...TABLES.map((t) => tryJson(`${base}/${t.path}`)),
  ]);
  const trends = section('Rank over time');
  const draws = [];
  if (history.data) {
    const series = rankSeries(itemsOf(history.data, 'tracks', 'series'));
    const dates = [...new Set(series.flatMap((s) => [...s.points.keys()]))].sort();
    if (series.length === 0) trends.append(notice('No entries for this chart yet.'));
    else {
      const c = chartBox('rank over time', 340);
      trends.append(c.box);
      draws.push(() =>
        lineChart(c.canvas, {
          labels: dates,
          datasets: series.slice(0, 10).map((s) => ({
            label: s.name,
            data: dates.map((d) => s.points.get(d) ?? null),
          })),
          reverseY: true,
          yTitle: 'rank',
        }),
      );
    }
  } else trends.append(unavailable(history.problem, 'rank history'));
  view.append(trends);
  for (const draw of draws) draw();
  const grid = h('div', { class: 'grid' });
  view.append(grid);
  extras.forEach((result, i) => {
    const t = TABLES[i];
    grid.append(
      section(
        t.title,
        result.data
          ? itemsOf(result.data).length
            ? table(t.columns, itemsOf(result.data), {
                'data-testid': `chart-${t.path.split('?')[0]}`,
              })
            : notice('Nothing on the latest date.')
          : unavailable(result.problem, t.title.toLowerCase()),
      ),
    );
  });
}

whenReady(async () => {
  const root = clear(main());
  root.append(h('h1', {}, 'Charts & playlists'));
  const list = await tryJson('/api/charts');
  if (!list.data) {
    root.append(unavailable(list.problem, 'charts'));
    root.dataset.state = 'ready';
    return;
  }
  const charts = itemsOf(list.data, 'charts');
  if (charts.length === 0) {
    root.append(notice('No charts yet: import a Spotify Charts CSV or track a playlist.'));
    root.dataset.state = 'ready';
    return;
  }
  const select = h(
    'select',
    { id: 'chart', 'aria-label': 'chart' },
    charts.map((c) => h('option', { value: nameOfChart(c) }, nameOfChart(c))),
  );
  const view = h('div', { id: 'view' });
  root.append(h('div', { class: 'picker' }, h('label', {}, 'Chart ', select)), view);
  const go = () => void trackState(render(view, select.value));
  select.addEventListener('change', go);
  go();
});
