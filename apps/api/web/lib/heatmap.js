import { h } from './dom.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The listening clock: weekday × hour, each cell's shade its share of the busiest one.
 * cells: [{ day: 0 (Monday)..6, hour: 0..23, value }].
 */
export function clockHeatmap(cells, unit) {
  const grid = Array.from({ length: 7 }, () => new Array(24).fill(0));
  for (const c of cells)
    if (grid[c.day] && c.hour >= 0 && c.hour < 24) grid[c.day][c.hour] += c.value;
  const max = Math.max(1e-9, ...grid.flat());
  const rows = grid.map((hours, day) =>
    h(
      'div',
      { class: 'heat-row' },
      h('span', { class: 'heat-label' }, DAYS[day]),
      hours.map((value, hour) => {
        const cell = h('span', {
          class: 'heat-cell',
          title: `${DAYS[day]} ${String(hour).padStart(2, '0')}:00 — ${Math.round(value * 10) / 10} ${unit}`,
        });
        cell.style.backgroundColor = `rgba(29, 185, 84, ${value === 0 ? 0.04 : 0.15 + 0.85 * (value / max)})`;
        return cell;
      }),
    ),
  );
  const axis = h(
    'div',
    { class: 'heat-row heat-axis' },
    h('span', { class: 'heat-label' }),
    Array.from({ length: 24 }, (_, hour) =>
      h('span', { class: 'heat-tick' }, hour % 6 === 0 ? String(hour) : ''),
    ),
  );
  return h('div', { class: 'heatmap', role: 'img', 'aria-label': 'listening clock' }, rows, axis);
}

/**
 * Accepts the clock route's rows whatever they call their fields: weekday/dayOfWeek/dow
 * (ISO 1 = Monday, or 0 = Sunday when a `0` appears), hour, minutes or plays.
 */
export function clockCells(rows) {
  const dayOf = (r) => r.isoDow ?? r.weekday ?? r.dayOfWeek ?? r.dow ?? r.day;
  const sundayZero = rows.some((r) => dayOf(r) === 0);
  return rows.map((r) => {
    const d = Number(dayOf(r));
    return {
      day: sundayZero ? (d + 6) % 7 : d - 1,
      hour: Number(r.hour ?? r.localHour),
      value: Number(r.minutes ?? r.plays ?? r.streams ?? 0),
    };
  });
}
