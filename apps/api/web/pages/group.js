import { enc, itemsOf, tryJson } from '../lib/api.js';
import { barChart } from '../lib/charts.js';
import { chartBox, clear, h, main, notice, section, table } from '../lib/dom.js';
import { fmtHours, fmtInt } from '../lib/format.js';
import { RANGES } from '../lib/picker.js';
import { track, unavailable, whenReady } from '../lib/page.js';

/*
 * The friend group (the connected accounts, at most 5): who is connected and who must
 * reconnect, who listened most, how alike their listening is (the API's weighted
 * Jaccard of artist mixes), the artists they share, and recommendations from friends'
 * listening (Spotify's own are gone for new apps).
 */

const nameOf = (names, id) => names.get(id) ?? id;

function membersSection(result) {
  const card = section('Connected accounts');
  if (!result.data) return (card.append(unavailable(result.problem, 'connected accounts')), card);
  const { members, maxMembers } = result.data;
  card.append(
    h('p', { class: 'muted' }, `${members.length} of ${maxMembers} accounts connected.`),
    members.length === 0
      ? notice('Nobody has connected yet: share the Connect page with your friends.')
      : table(
          [
            {
              label: 'Member',
              value: (m) => (m.displayName ? `${m.displayName} (${m.userId})` : m.userId),
            },
            {
              label: 'Status',
              value: (m) =>
                h(
                  'span',
                  { class: `badge ${m.status}` },
                  m.status === 'ok' ? 'ok' : 'needs reconnect',
                ),
            },
          ],
          members,
          { 'data-testid': 'members' },
        ),
  );
  return card;
}

function leaderboardSection(group) {
  const card = section('Who listened most');
  if (!group.data) return (card.append(unavailable(group.problem, 'the leaderboard')), card);
  const rows = group.data.leaderboard ?? [];
  if (rows.length === 0) return (card.append(notice('No listening in this range.')), card);
  const chart = chartBox('minutes per listener', 40 + rows.length * 32);
  card.append(
    chart.box,
    table(
      [
        { label: '#', value: (r) => r.rank, num: true },
        { label: 'Listener', value: (r) => r.displayName ?? r.spotifyUserId },
        { label: 'Time', value: (r) => fmtHours(r.minutes), num: true },
        { label: 'Streams', value: (r) => fmtInt(r.streams), num: true },
        { label: 'Artists', value: (r) => fmtInt(r.distinctArtists), num: true },
      ],
      rows,
      { 'data-testid': 'leaderboard' },
    ),
  );
  return [
    card,
    () =>
      barChart(chart.canvas, {
        labels: rows.map((r) => r.displayName ?? r.spotifyUserId),
        datasets: [{ label: 'minutes', data: rows.map((r) => r.minutes) }],
        horizontal: true,
      }),
  ];
}

function compatibilitySection(result, members, names) {
  const card = section('Compatibility');
  if (!result.data) return (card.append(unavailable(result.problem, 'compatibility')), card);
  const score = new Map();
  for (const p of result.data.pairs ?? []) {
    score.set(`${p.a}\n${p.b}`, p);
    score.set(`${p.b}\n${p.a}`, p);
  }
  card.append(
    h('p', { class: 'muted', 'data-testid': 'compatibility-formula' }, result.data.formula ?? ''),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'matrix', 'data-testid': 'compatibility' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, ''),
            members.map((m) => h('th', {}, nameOf(names, m))),
          ),
        ),
        h(
          'tbody',
          {},
          members.map((a) =>
            h(
              'tr',
              {},
              h('th', {}, nameOf(names, a)),
              members.map((b) => {
                const pair = a === b ? undefined : score.get(`${a}\n${b}`);
                const value = pair ? Number(pair.score) : null;
                const cell = h(
                  'td',
                  {
                    class: 'num',
                    title: pair?.topSharedArtists?.length
                      ? `shared: ${pair.topSharedArtists.join(', ')}`
                      : undefined,
                  },
                  a === b ? '—' : `${Math.round((value ?? 0) * 100)}%`,
                );
                if (value !== null)
                  cell.style.backgroundColor = `rgba(29,185,84,${0.1 + 0.8 * value})`;
                return cell;
              }),
            ),
          ),
        ),
      ),
    ),
  );
  return card;
}

function sharedSection(result, names) {
  const card = section('Shared artists');
  if (!result.data) return (card.append(unavailable(result.problem, 'shared artists')), card);
  const rows = itemsOf(result.data);
  card.append(
    rows.length === 0
      ? notice('No artist streamed by two members in this range.')
      : table(
          [
            { label: 'Artist', value: (r) => r.name },
            {
              label: 'Listeners',
              value: (r) =>
                (r.byMember ?? []).map((m) => nameOf(names, m.spotifyUserId)).join(', '),
            },
            { label: 'Streams', value: (r) => fmtInt(r.streams), num: true },
          ],
          rows,
          { 'data-testid': 'shared-artists' },
        ),
  );
  return card;
}

async function recommendationsSection(members, names, range) {
  const card = section('Recommendations from friends');
  card.append(
    h(
      'p',
      { class: 'muted' },
      'Tracks the other members streamed in this range that you have never played, the most friends first.',
    ),
  );
  const list = h('div', { 'data-testid': 'recommendations' });
  const results = await Promise.all(
    members.map((m) => tryJson(`/api/users/${enc(m)}/recommendations?range=${enc(range)}&limit=5`)),
  );
  members.forEach((m, i) => {
    list.append(h('h3', {}, `For ${nameOf(names, m)}`));
    const result = results[i];
    if (!result.data) return list.append(unavailable(result.problem, 'recommendations'));
    const picks = itemsOf(result.data);
    list.append(
      picks.length === 0
        ? h('p', { class: 'muted' }, 'Nothing new from friends yet.')
        : h(
            'ul',
            {},
            picks.map((p) =>
              h(
                'li',
                {},
                h('span', { class: 'track' }, p.trackName),
                h(
                  'span',
                  { class: 'muted' },
                  ` — ${p.artistNames ?? ''} (played by ${(p.because ?? []).map((id) => nameOf(names, id)).join(', ')})`,
                ),
              ),
            ),
          ),
    );
  });
  card.append(list);
  return card;
}

async function render(view, range) {
  clear(view);
  const q = `range=${enc(range)}`;
  const [members, group, compatibility, shared] = await Promise.all([
    tryJson('/api/connect/members'),
    tryJson(`/api/group?${q}`),
    tryJson(`/api/group/compatibility?${q}`),
    tryJson(`/api/group/shared/artists?${q}&limit=15`),
  ]);
  const ids = group.data?.members ?? [];
  const names = new Map();
  for (const m of members.data?.members ?? [])
    if (m.displayName) names.set(m.userId, m.displayName);
  for (const r of group.data?.leaderboard ?? [])
    if (r.displayName) names.set(r.spotifyUserId, r.displayName);

  view.append(membersSection(members));
  const leaderboard = leaderboardSection(group);
  if (Array.isArray(leaderboard)) {
    view.append(leaderboard[0]);
    leaderboard[1]();
  } else view.append(leaderboard);
  view.append(compatibilitySection(compatibility, ids, names), sharedSection(shared, names));
  view.append(await recommendationsSection(ids, names, range));
}

whenReady(() => {
  const root = clear(main());
  root.append(h('h1', {}, 'Friends'));
  const rangeSelect = h(
    'select',
    { id: 'range', 'aria-label': 'range' },
    RANGES.map(([v, t]) => h('option', { value: v }, t)),
  );
  rangeSelect.value = 'all';
  const view = h('div', { id: 'view' });
  root.append(h('div', { class: 'picker' }, h('label', {}, 'Range ', rangeSelect)), view);
  const go = () => void track(render(view, rangeSelect.value));
  rangeSelect.addEventListener('change', go);
  go();
});
