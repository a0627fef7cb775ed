import { describe, expect, it } from 'vitest';
import { checkTable } from './evaluate.ts';
import { acceptedValues, defineModelQuality, notNull, rowCount } from './expectations.ts';
import { buildQualityReport } from './report.ts';
import { renderQualityReportHtml } from './report-html.ts';
import { useInMemoryDuckDb } from './test-support/in-memory-duckdb.ts';

const now = new Date('2026-11-23T12:00:00Z');
const XSS = '<script>alert(1)</script>';

describe('renderQualityReportHtml', () => {
  const db = useInMemoryDuckDb();

  // A model, table, column, expectation, description, sample value and run id that are
  // all markup, pushed through a real check so every place they surface is covered.
  const hostileReport = async () => {
    await db.conn.run(
      `CREATE TABLE "${XSS}" AS SELECT * FROM (VALUES ('ok'), ('${XSS}'), (NULL)) AS v("${XSS}")`,
    );
    const result = await checkTable(db.conn, {
      table: XSS,
      model: defineModelQuality({
        model: XSS,
        expectations: [
          acceptedValues(XSS, ['ok'], { description: XSS, maxFailingShare: 0.5 }),
          notNull(XSS, { name: `${XSS}!`, severity: 'warn' }),
          rowCount({ min: 1 }),
        ],
      }),
      now,
    });
    return buildQualityReport({ runId: XSS, startedAt: now, models: [result] });
  };

  it('renders every hostile value inert: escaped, and no script element anywhere', async () => {
    const html = renderQualityReportHtml(await hostileReport());
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<\/script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The sample value, the description and the name all came through, as text.
    expect(html).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(html).toContain('<div class="description">&lt;script&gt;alert(1)&lt;/script&gt;</div>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;!');
  });

  it('is self-contained: inline CSS, no external asset, scripts forbidden by its CSP', async () => {
    const html = renderQualityReportHtml(await hostileReport());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link|<img|<iframe|src=|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('shows per model a badge, the counts and a bar of passed vs quarantined', async () => {
    const html = renderQualityReportHtml(await hostileReport());
    expect(html).toContain('3 in · 1 passed · 2 quarantined');
    expect(html).toContain('<div class="passed" style="width: 33.33%"></div>');
    expect(html).toContain('<div class="quarantined" style="width: 66.67%"></div>');
    expect(html).toContain('<span class="badge pass">promotable</span>');
    expect(html).toContain('<span class="badge warn">warn</span>');
    expect(html).toContain('<span class="badge fail">fail</span>');
    expect(html).toContain('<td class="num">1 (33.3%)</td>');
    // row_count judges the table: it has no failing rows to count.
    expect(html).toContain('<td class="num">—</td>');
  });

  it('lists what blocked promotion, and why', async () => {
    const report = await hostileReport();
    const blocked = renderQualityReportHtml({
      ...report,
      blocked: [
        { model: 'plays', expectation: 'unique(id)', reason: '2 of 4 rows share 1 duplicated key' },
      ],
      totals: { ...report.totals, blockedModels: 1 },
    });
    expect(blocked).toContain('Not promoted:');
    expect(blocked).toContain(
      '<strong>plays</strong>, unique(id): 2 of 4 rows share 1 duplicated key',
    );
    expect(blocked).toContain('<span class="badge blocked">1 model blocked</span>');
    expect(renderQualityReportHtml(report)).not.toContain('Not promoted:');
  });
});
