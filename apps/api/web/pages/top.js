import { enc, getJson, itemsOf, tryJson } from '../lib/api.js';
import { barChart } from '../lib/charts.js';
import { chartBox, clear, h, main, notice, section, table } from '../lib/dom.js';
import { fmtInt, fmtMinutes } from '../lib/format.js';
import { loadUsers, pickerBar } from '../lib/picker.js';
import { track, unavailable, whenReady } from '../lib/page.js';

/*
 * The top-10 table and a chart of what the data says about those tracks. Audio features
 * would be the classic chart here, but Spotify does not give them to apps created after
 * 27 Nov 2024: the page says so and charts the facts the warehouse has instead.
 */

const FALLBACK_NOTE =
  'Audio features (danceability, energy, valence, tempo…) are not available: Spotify removed them for apps created after 27 November 2024.';

function factCharts(rows, facts) {
  const byId = new Map(facts.map((f) => [f.spotifyTrackId, f]));
  const labels = rows.map((r) => `${r.rank}. ${r.trackName}`);
  const fact = (r, name) => byId.get(r.spotifyTrackId)?.[name] ?? null;
  const out = [];

  const duration = section('Track length (minutes)');
  const d = chartBox('track length', 40 + rows.length * 26);
  duration.append(d.box);
  out.push([
    duration,
    () =>
      barChart(d.canvas, {
        labels,
        datasets: [
          { label: 'minutes', data: rows.map((r) => (fact(r, 'durationMs') ?? 0) / 60_000) },
        ],
        horizontal: true,
      }),
  ]);

  const popularity = rows.map((r) => fact(r, 'popularity'));
  const pop = section('Popularity (0–100)');
  if (popularity.some((p) => p !== null)) {
    const c = chartBox('popularity', 40 + rows.length * 26);
    pop.append(c.box);
    out.push([
      pop,
      () =>
        barChart(c.canvas, {
          labels,
          datasets: [{ label: 'popularity', data: popularity }],
          horizontal: true,
        }),
    ]);
  } else {
    pop.append(
      notice(
        'Not in the data: Spotify removed track popularity from its API in February 2026.',
        'warn',
      ),
    );
    out.push([pop, null]);
  }

  const years = rows.map((r) => fact(r, 'releaseYear'));
  const release = section('Release year');
  if (years.some((y) => y !== null)) {
    const counts = new Map();
    for (const y of years) if (y !== null) counts.set(y, (counts.get(y) ?? 0) + 1);
    const sorted = [...counts.keys()].sort((a, b) => a - b);
    const c = chartBox('release years', 220);
    release.append(c.box);
    out.push([
      release,
      () =>
        barChart(c.canvas, {
          labels: sorted.map(String),
          datasets: [{ label: 'tracks', data: sorted.map((y) => counts.get(y)) }],
          integers: true,
        }),
    ]);
  } else {
    release.append(notice('No release dates in the data for these tracks yet.'));
    out.push([release, null]);
  }

  const explicitValues = rows.map((r) => fact(r, 'explicit'));
  const explicit = section('Explicit');
  const known = explicitValues.filter((e) => e !== null);
  explicit.append(
    known.length === 0
      ? notice('Not known for these tracks.')
      : h(
          'p',
          { 'data-testid': 'explicit' },
          `${known.filter(Boolean).length} of ${known.length} tracks are marked explicit.`,
        ),
  );
  out.push([explicit, null]);
  return out;
}

async function render(view, { user, range }) {
  clear(view);
  const top = await getJson(`/api/users/${enc(user)}/top/tracks?range=${enc(range)}&limit=10`);
  const rows = itemsOf(top);
  view.append(
    section(
      'Top 10 tracks',
      rows.length === 0
        ? notice('No tracks in this range.')
        : table(
            [
              { label: '#', value: (r) => r.rank, num: true },
              { label: 'Track', value: (r) => r.trackName },
              { label: 'Artists', value: (r) => r.artistNames },
              { label: 'Album', value: (r) => r.albumName },
              { label: 'Streams', value: (r) => fmtInt(r.streams), num: true },
              { label: 'Minutes', value: (r) => fmtMinutes(r.minutes), num: true },
            ],
            rows,
            { 'data-testid': 'top-10' },
          ),
    ),
  );
  if (rows.length === 0) return;
  const facts = await tryJson(
    `/api/dashboard/track-facts?ids=${rows.map((r) => enc(r.spotifyTrackId)).join(',')}`,
  );
  const note = facts.data?.audioFeaturesNote ?? FALLBACK_NOTE;
  view.append(
    section('Audio features', notice(note, 'warn', { 'data-testid': 'audio-features-note' })),
  );
  if (!facts.data) {
    view.append(section('Track facts', unavailable(facts.problem, 'track facts')));
    return;
  }
  const grid = h('div', { class: 'grid' });
  view.append(grid);
  for (const [card, draw] of factCharts(rows, itemsOf(facts.data))) {
    grid.append(card);
    draw?.();
  }
}

whenReady(async () => {
  const users = await loadUsers();
  const root = clear(main());
  root.append(h('h1', {}, 'Top 10'));
  if (users.length === 0) {
    root.append(notice('No listeners in the warehouse yet.'));
    root.dataset.state = 'ready';
    return;
  }
  const view = h('div', { id: 'view' });
  root.append(
    pickerBar(users, (state) => void track(render(view, state))),
    view,
  );
});
