import type { ModelQualityResult } from './evaluate.ts';
import { escapeHtml } from './html-escape.ts';
import { countOf, percent } from './format.ts';
import type { ExpectationResult } from './judge.ts';
import type { QualityReport } from './report.ts';

/*
 * The report as one self-contained page: inline CSS, no script, no external asset, so it
 * opens from the bucket or a laptop alike. Every value from the data or a declaration
 * goes through escapeHtml; the Content-Security-Policy forbids scripts as well, in case
 * one day something is not escaped.
 */

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1d2330; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; display: flex; gap: .6rem; align-items: center; }
  .meta { color: #5b6475; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #e3e6ec; }
  th { background: #f4f6f9; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .badge { display: inline-block; padding: .05rem .5rem; border-radius: .75rem; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
  .pass { background: #dcf5e3; color: #17672f; }
  .fail { background: #fde2e1; color: #a12622; }
  .warn { background: #fff1cc; color: #7a5300; }
  .blocked { background: #a12622; color: #fff; }
  .bar { display: flex; height: .7rem; width: 16rem; border-radius: .35rem; overflow: hidden; background: #e3e6ec; }
  .bar .passed { background: #3aa35c; }
  .bar .quarantined { background: #e0624a; }
  .counts { display: flex; gap: 1rem; align-items: center; color: #5b6475; }
  code { font: 12px ui-monospace, monospace; background: #f4f6f9; padding: 0 .25rem; border-radius: .2rem; word-break: break-all; }
  ul.samples { margin: 0; padding-left: 1rem; }
  .reasons { background: #fde2e1; border-radius: .4rem; padding: .75rem 1.25rem; }
  .description { color: #5b6475; font-size: .85rem; }
`;

const badge = (kind: 'pass' | 'fail' | 'warn' | 'blocked', text: string): string =>
  `<span class="badge ${kind}">${escapeHtml(text)}</span>`;

const statusBadge = (result: ExpectationResult): string => {
  if (result.status === 'pass') return badge('pass', 'pass');
  if (result.blocking) return badge('blocked', 'blocking');
  return result.severity === 'warn' ? badge('warn', 'warn') : badge('fail', 'fail');
};

/** Passed vs quarantined rows of one model, as widths in percent of the rows in. */
const passedBar = ({ counts }: ModelQualityResult): string => {
  const passedShare = counts.in === 0 ? 0 : counts.passed / counts.in;
  const quarantinedShare = counts.in === 0 ? 0 : counts.quarantined / counts.in;
  const title = `${counts.passed} passed, ${counts.quarantined} quarantined of ${counts.in}`;
  return `<div class="bar" role="img" aria-label="${escapeHtml(title)}" title="${escapeHtml(title)}">
      <div class="passed" style="width: ${(passedShare * 100).toFixed(2)}%"></div>
      <div class="quarantined" style="width: ${(quarantinedShare * 100).toFixed(2)}%"></div>
    </div>`;
};

const sampleList = (sample: readonly string[]): string =>
  sample.length === 0
    ? ''
    : `<ul class="samples">${sample.map((value) => `<li><code>${escapeHtml(value)}</code></li>`).join('')}</ul>`;

// row_count and freshness judge the table, not rows: a count of failing rows means nothing.
const failingRowsCell = (result: ExpectationResult): string =>
  result.kind === 'row_count' || result.kind === 'freshness'
    ? '—'
    : `${result.failingRows} (${escapeHtml(percent(result.failingShare))})`;

const expectationRow = (result: ExpectationResult): string => `
      <tr>
        <td><strong>${escapeHtml(result.name)}</strong>${
          result.description === undefined
            ? ''
            : `<div class="description">${escapeHtml(result.description)}</div>`
        }</td>
        <td>${escapeHtml(result.kind)}</td>
        <td>${escapeHtml(result.columns.join(', '))}</td>
        <td>${escapeHtml(result.severity)}</td>
        <td>${statusBadge(result)}</td>
        <td class="num">${failingRowsCell(result)}</td>
        <td>${escapeHtml(result.detail)}${sampleList(result.sample)}</td>
      </tr>`;

const modelSection = (model: ModelQualityResult): string => `
  <section>
    <h2>${escapeHtml(model.model)} ${model.blocking ? badge('blocked', 'blocked') : badge('pass', 'promotable')}</h2>
    <div class="counts">
      ${passedBar(model)}
      <span>${model.counts.in} in · ${model.counts.passed} passed · ${model.counts.quarantined} quarantined</span>
      <span>table <code>${escapeHtml(model.table)}</code></span>
    </div>
    <table>
      <thead><tr><th>expectation</th><th>kind</th><th>columns</th><th>severity</th><th>status</th><th class="num">failing rows</th><th>detail and sample</th></tr></thead>
      <tbody>${model.expectations.map(expectationRow).join('')}
      </tbody>
    </table>
  </section>`;

const blockedList = (report: QualityReport): string =>
  report.blocked.length === 0
    ? ''
    : `
  <div class="reasons">
    <strong>Not promoted:</strong>
    <ul>${report.blocked
      .map(
        (entry) =>
          `<li><strong>${escapeHtml(entry.model)}</strong>, ${escapeHtml(entry.expectation)}: ${escapeHtml(entry.reason)}</li>`,
      )
      .join('')}</ul>
  </div>`;

const summaryTable = (report: QualityReport): string => `
  <table>
    <thead><tr><th>model</th><th>status</th><th class="num">in</th><th class="num">passed</th><th class="num">quarantined</th><th class="num">failed expectations</th><th>passed vs quarantined</th></tr></thead>
    <tbody>${report.models
      .map(
        (model) => `
      <tr>
        <td><strong>${escapeHtml(model.model)}</strong></td>
        <td>${model.blocking ? badge('blocked', 'blocked') : badge('pass', 'promotable')}</td>
        <td class="num">${model.counts.in}</td>
        <td class="num">${model.counts.passed}</td>
        <td class="num">${model.counts.quarantined}</td>
        <td class="num">${model.expectations.filter((result) => result.status === 'fail').length} of ${model.expectations.length}</td>
        <td>${passedBar(model)}</td>
      </tr>`,
      )
      .join('')}
    </tbody>
  </table>`;

/** The report as a readable, self-contained HTML page. */
export const renderQualityReportHtml = (report: QualityReport): string => {
  const { totals } = report;
  const title = `Data quality — run ${report.runId}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <h1>${escapeHtml(title)} ${totals.blockedModels > 0 ? badge('blocked', `${countOf(totals.blockedModels, 'model')} blocked`) : badge('pass', 'all promotable')}</h1>
  <p class="meta">started ${escapeHtml(report.startedAt)} · ${countOf(totals.models, 'model')} · ${totals.failedExpectations} of ${totals.expectations} expectations failed · ${totals.rowsIn} rows in, ${totals.rowsPassed} passed, ${totals.rowsQuarantined} quarantined</p>
  ${blockedList(report)}
  ${summaryTable(report)}
  ${report.models.map(modelSection).join('')}
</body>
</html>
`;
};
