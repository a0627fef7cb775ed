/* global EventSource */
import { tryJson } from '../lib/api.js';
import { clear, h, main, notice, section } from '../lib/dom.js';
import { fmtDateTime, fmtInt } from '../lib/format.js';
import { unavailable, whenReady } from '../lib/page.js';

/*
 * Live top songs and artists from the stream aggregator: server-sent events from
 * /api/live/stream replace the lists as plays arrive, without reloading the page.
 */

const WINDOW_LABELS = {
  '5m': 'last 5 minutes',
  '1h': 'last hour',
  '24h': 'last 24 hours',
  all: 'since start',
};

function renderTop(view, top) {
  const songs = top.songs ?? [];
  const artists = top.artists ?? [];
  clear(view).append(
    h(
      'p',
      { class: 'muted', 'data-testid': 'live-meta' },
      `${fmtInt(top.plays)} plays in the window · latest play ${fmtDateTime(top.watermark)}`,
    ),
    h(
      'div',
      { class: 'grid' },
      section(
        'Top songs',
        songs.length === 0
          ? notice('No plays yet.')
          : h(
              'ol',
              { class: 'tracks', 'data-testid': 'live-songs' },
              songs.map((s) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'track' }, s.trackName ?? s.trackId),
                  h(
                    'span',
                    { class: 'muted' },
                    ` — ${(s.artists ?? []).join(', ')} · ${fmtInt(s.plays)} plays`,
                  ),
                ),
              ),
            ),
      ),
      section(
        'Top artists',
        artists.length === 0
          ? notice('No plays yet.')
          : h(
              'ol',
              { class: 'names', 'data-testid': 'live-artists' },
              artists.map((a) =>
                h(
                  'li',
                  {},
                  h('span', {}, a.name),
                  h('span', { class: 'muted' }, ` · ${fmtInt(a.plays)} plays`),
                ),
              ),
            ),
      ),
    ),
  );
}

whenReady(async () => {
  const root = clear(main());
  root.append(h('h1', {}, 'Live'));
  const probe = await tryJson('/api/top-songs?limit=1');
  if (!probe.data) {
    root.append(unavailable(probe.problem, 'the live top-N'));
    root.dataset.state = 'ready';
    return;
  }
  const status = h('p', { class: 'live-status', 'data-testid': 'live-status' }, 'Connecting…');
  const view = h('div', { id: 'view' });
  const windowName = probe.data.window;
  root.append(
    h('p', { class: 'muted' }, `Window: ${WINDOW_LABELS[windowName] ?? windowName}`),
    status,
    view,
  );
  let updates = 0;
  const source = new EventSource(
    `/api/live/stream?window=${encodeURIComponent(windowName)}&limit=10`,
  );
  source.addEventListener('open', () => {
    status.textContent = 'Live: updates as plays arrive';
    root.dataset.state = 'ready';
  });
  source.addEventListener('top', (event) => {
    updates += 1;
    renderTop(view, JSON.parse(event.data));
    root.dataset.updates = String(updates);
    root.dataset.state = 'ready';
  });
  source.addEventListener('error', () => {
    status.textContent = 'Disconnected: reconnecting…';
  });
});
