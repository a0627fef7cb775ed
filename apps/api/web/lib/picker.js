/* global URL, history, location, queueMicrotask */
import { getJson, itemsOf } from './api.js';
import { h } from './dom.js';

export const RANGES = [
  ['4w', 'Last 4 weeks'],
  ['6m', 'Last 6 months'],
  ['year', 'This year'],
  ['all', 'All time'],
];

/** The listeners for pickers: the warehouse's users, else the connected members. */
export async function loadUsers() {
  try {
    // the Spotify Charts imports' pseudo user is no listener
    return itemsOf(await getJson('/api/dashboard/users')).filter(
      (u) => u.userId !== 'spotify-charts',
    );
  } catch {
    const data = await getJson('/api/connect/members');
    return itemsOf(data, 'members');
  }
}

export function label(user) {
  return user.displayName ? `${user.displayName} (${user.userId})` : user.userId;
}

/**
 * User and range selects kept in the URL (?user=…&range=…), so a view can be linked and
 * reloaded. Calls onChange({ user, range }) now and after every change.
 */
export function pickerBar(users, onChange, { withRange = true } = {}) {
  const params = new URL(location.href).searchParams;
  const userSelect = h(
    'select',
    { id: 'user', name: 'user', 'aria-label': 'listener' },
    users.map((u) => h('option', { value: u.userId }, label(u))),
  );
  const wanted = params.get('user');
  if (wanted && users.some((u) => u.userId === wanted)) userSelect.value = wanted;
  const rangeSelect = h(
    'select',
    { id: 'range', name: 'range', 'aria-label': 'range' },
    RANGES.map(([value, text]) => h('option', { value }, text)),
  );
  rangeSelect.value = RANGES.some(([r]) => r === params.get('range')) ? params.get('range') : 'all';

  const fire = () => {
    const state = { user: userSelect.value, range: rangeSelect.value };
    const url = new URL(location.href);
    url.searchParams.set('user', state.user);
    if (withRange) url.searchParams.set('range', state.range);
    history.replaceState(null, '', url);
    onChange(state);
  };
  userSelect.addEventListener('change', fire);
  rangeSelect.addEventListener('change', fire);
  const bar = h(
    'div',
    { class: 'picker' },
    h('label', {}, 'Listener ', userSelect),
    withRange ? h('label', {}, 'Range ', rangeSelect) : null,
  );
  queueMicrotask(fire);
  return bar;
}
