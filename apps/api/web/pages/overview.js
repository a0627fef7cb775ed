import { enc, itemsOf, tryJson } from '../lib/api.js';
import { barChart } from '../lib/charts.js';
import { chartBox, clear, h, main, notice, section } from '../lib/dom.js';
import { fmtDate, fmtHours, fmtInt, fmtMinutes } from '../lib/format.js';
import { clockCells, clockHeatmap } from '../lib/heatmap.js';
import { loadUsers, pickerBar } from '../lib/picker.js';
import { track, unavailable, whenReady } from '../lib/page.js';

/*
 * Wrapped any day: totals, minutes per month, the listening clock, top artists and
 * tracks of one listener over a range.
 */

const stat = (value, text) =>
  h('div', { class: 'stat' }, h('strong', {}, value), h('span', {}, text));

async function render(view, { user, range }) {
  clear(view).append(h('p', { class: 'loading', 'data-state': 'loading' }, 'Loading…'));
  const base = `/api/users/${enc(user)}`;
  const q = `range=${enc(range)}`;
  const [overview, monthly, clock, artists, tracks, sessions, streaks, discovery] =
    await Promise.all([
      tryJson(`${base}/overview?${q}`),
      tryJson(`${base}/monthly?${q}`),
      tryJson(`${base}/clock?${q}`),
      tryJson(`${base}/top/artists?${q}&limit=10`),
      tryJson(`${base}/top/tracks?${q}&limit=10`),
      tryJson(`${base}/sessions?${q}&limit=1`),
      tryJson(`${base}/streaks?limit=1`),
      tryJson(`${base}/discovery?${q}&limit=1`),
    ]);
  clear(view);

  if (overview.data) {
    const o = overview.data;
    view.append(
      section(
        'Your listening',
        h(
          'div',
          { class: 'stats', 'data-testid': 'overview-stats' },
          stat(fmtHours(o.minutes), 'listened'),
          stat(fmtInt(o.streams), 'streams (30 s+)'),
          stat(fmtInt(o.distinctTracks), 'tracks'),
          stat(fmtInt(o.distinctArtists), 'artists'),
          stat(fmtInt(o.distinctAlbums), 'albums'),
          stat(fmtMinutes(o.podcastMinutes), 'of podcasts'),
        ),
        h(
          'p',
          { class: 'muted' },
          `From ${fmtDate(o.firstPlayedAt)} to ${fmtDate(o.lastPlayedAt)} (${o.timeZone ?? 'UTC'})`,
        ),
      ),
    );
  } else view.append(section('Your listening', unavailable(overview.problem, 'the overview')));

  const habits = [
    sessions.data && stat(fmtInt(sessions.data.sessions), 'sessions'),
    sessions.data && stat(fmtMinutes(sessions.data.averageMinutes), 'per session'),
    streaks.data && stat(`${fmtInt(streaks.data.longest?.days ?? 0)} days`, 'longest streak'),
    streaks.data && stat(`${fmtInt(streaks.data.current?.days ?? 0)} days`, 'current streak'),
    discovery.data && stat(fmtInt(discovery.data.newTracks), 'new tracks'),
    discovery.data && stat(fmtInt(discovery.data.newArtists), 'new artists'),
  ].filter(Boolean);
  if (habits.length)
    view.append(section('Habits', h('div', { class: 'stats', 'data-testid': 'habits' }, habits)));

  const months = section('Minutes per month');
  if (monthly.data) {
    const rows = itemsOf(monthly.data, 'months');
    if (rows.length === 0) months.append(notice('No plays in this range.'));
    else {
      const { box, canvas } = chartBox('minutes per month');
      months.append(box);
      const podcasts = rows.map((r) => Number(r.podcastMinutes ?? 0));
      barChart(canvas, {
        labels: rows.map((r) => String(r.month ?? r.yearMonth ?? r.monthStart ?? '').slice(0, 7)),
        datasets: [
          { label: 'music', data: rows.map((r) => Number(r.minutes ?? 0)) },
          ...(podcasts.some((m) => m > 0) ? [{ label: 'podcasts', data: podcasts }] : []),
        ],
        stacked: true,
      });
    }
  } else months.append(unavailable(monthly.problem, 'minutes per month'));
  view.append(months);

  const clockSection = section('When you listen');
  if (clock.data)
    clockSection.append(clockHeatmap(clockCells(itemsOf(clock.data, 'cells')), 'min'));
  else clockSection.append(unavailable(clock.problem, 'the listening clock'));
  view.append(clockSection);

  const artistSection = section('Top artists');
  if (artists.data) {
    const rows = itemsOf(artists.data);
    if (rows.length === 0) artistSection.append(notice('No artists in this range.'));
    else {
      const { box, canvas } = chartBox('top artists', 40 + rows.length * 26);
      artistSection.append(box);
      barChart(canvas, {
        labels: rows.map((r) => r.artistName),
        datasets: [{ label: 'streams', data: rows.map((r) => r.streams) }],
        horizontal: true,
        integers: true,
      });
      artistSection.append(
        h(
          'ol',
          { class: 'names', 'data-testid': 'top-artists' },
          rows.map((r) => h('li', {}, r.artistName)),
        ),
      );
    }
  } else artistSection.append(unavailable(artists.problem, 'top artists'));
  view.append(artistSection);

  const trackSection = section('Top tracks');
  if (tracks.data) {
    const rows = itemsOf(tracks.data);
    trackSection.append(
      rows.length === 0
        ? notice('No tracks in this range.')
        : h(
            'ol',
            { class: 'tracks', 'data-testid': 'top-tracks' },
            rows.map((r) =>
              h(
                'li',
                {},
                h('span', { class: 'track' }, r.trackName),
                h(
                  'span',
                  { class: 'muted' },
                  ` — ${r.artistNames ?? 'unknown artist'} · ${fmtInt(r.streams)} streams`,
                ),
              ),
            ),
          ),
    );
  } else trackSection.append(unavailable(tracks.problem, 'top tracks'));
  view.append(trackSection);
}

whenReady(async () => {
  const users = await loadUsers();
  const root = clear(main());
  root.append(h('h1', {}, 'Overview'));
  if (users.length === 0) {
    root.append(
      notice('No listeners in the warehouse yet: connect an account or import a history.'),
    );
    root.dataset.state = 'ready';
    return;
  }
  const view = h('div', { id: 'view' });
  root.append(
    pickerBar(users, (state) => void track(render(view, state))),
    view,
  );
});
