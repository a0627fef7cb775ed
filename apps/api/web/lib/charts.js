/*
 * Chart.js (served from node_modules as /assets/vendor/chart.umd.min.js). Labels are
 * drawn on the canvas, never parsed as HTML. No animation: pages are screenshotted and
 * tested, and a phone should not spend battery on it.
 */

export const PALETTE = [
  '#1db954',
  '#4f7cff',
  '#ff8a3d',
  '#c35cff',
  '#ffcc33',
  '#2bc4c4',
  '#ff5c7a',
];

function chartLib() {
  const Chart = globalThis.Chart;
  if (!Chart) throw new Error('the chart library did not load');
  Chart.defaults.color = '#c8d0cc';
  Chart.defaults.borderColor = 'rgba(255,255,255,0.08)';
  Chart.defaults.font.family = 'system-ui, sans-serif';
  return Chart;
}

const common = (extra = {}) => ({
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  ...extra,
});

/** Long names cut for axis labels (the full name is in the table next to the chart). */
export const shortLabel = (text, max = 28) => {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/** Horizontal or vertical bars; datasets: [{ label, data }]; integers: whole-number ticks. */
export function barChart(
  canvas,
  { labels, datasets, horizontal = false, stacked = false, integers = false },
) {
  const Chart = chartLib();
  const valueAxis = {
    stacked,
    beginAtZero: true,
    ...(integers ? { ticks: { precision: 0 } } : {}),
  };
  const labelAxis = { stacked };
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: labels.map((l) => shortLabel(l)),
      datasets: datasets.map((d, i) => ({ backgroundColor: PALETTE[i % PALETTE.length], ...d })),
    },
    options: common({
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: datasets.length > 1 } },
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    }),
  });
}

/** Lines; reverseY for ranks (1 at the top). */
export function lineChart(canvas, { labels, datasets, reverseY = false, yTitle }) {
  const Chart = chartLib();
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        tension: 0.25,
        spanGaps: false,
        ...d,
        label: shortLabel(d.label, 40),
      })),
    },
    options: common({
      plugins: { legend: { display: datasets.length > 1 } },
      scales: {
        y: {
          reverse: reverseY,
          beginAtZero: !reverseY,
          ...(reverseY ? { min: 1, ticks: { precision: 0 } } : {}),
          title: yTitle ? { display: true, text: yTitle } : undefined,
        },
      },
    }),
  });
}
