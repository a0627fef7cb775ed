import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFixtureWarehouse } from '../support/fixture-warehouse.ts';
import { USERS } from '../support/star-fixture.ts';

/*
 * Every query under dashboards/ runs as bi_reader against the fixture-loaded warehouse:
 * the psql/PowerBI queries of dashboards/sql/ and the Grafana dashboard's panel and
 * variable queries, with Grafana's macros and variables replaced by what Grafana would
 * send. Each must run, and return rows (the fixture has data for every one of them).
 */
const DASHBOARDS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'dashboards');
const SQL_DIR = join(DASHBOARDS_DIR, 'sql');
const GRAFANA_DASHBOARD = join(DASHBOARDS_DIR, 'grafana', 'spotify-insights.json');

interface GrafanaPanel {
  title: string;
  description?: string;
  targets?: { rawSql?: string }[];
  panels?: GrafanaPanel[];
}

interface GrafanaDashboard {
  panels: GrafanaPanel[];
  templating: { list: { name: string; type: string; query: string }[] };
}

const dashboard = JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8')) as GrafanaDashboard;
const sqlFiles = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql'));

/** Panels, including those inside collapsed rows. */
function panelsOf(panels: GrafanaPanel[]): GrafanaPanel[] {
  return panels.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);
}
const panels = panelsOf(dashboard.panels);

// What Grafana sends for the dashboard's variables: the multi-value $user is a quoted list.
const VARIABLES: Record<string, string> = {
  user: Object.values(USERS)
    .map((u) => `'${u}'`)
    .join(','),
  period: 'this_year',
};

/** A panel's SQL as PostgreSQL receives it from Grafana (any time range: always true). */
function asGrafanaSends(sql: string): string {
  const expanded = sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, '(($1) is not null)')
    .replace(/\$\{?(\w+)\}?/g, (whole, name: string) => VARIABLES[name] ?? whole);
  const unknown = expanded.match(/\$\{?\w+/);
  if (unknown) throw new Error(`no substitute for Grafana's ${unknown[0]} in:\n${sql}`);
  return expanded;
}

const warehouse = useFixtureWarehouse('warehouse_dashboards');

async function rowCount(sql: string): Promise<number> {
  const result = await warehouse().biReader.raw<{ rows: unknown[] }>(sql);
  return result.rows.length;
}

describe('dashboards/ queries, as bi_reader (real PostgreSQL)', () => {
  it('finds the queries', () => {
    expect(sqlFiles.length).toBeGreaterThan(0);
    expect(panels.length).toBeGreaterThan(0);
  });

  it.each(sqlFiles)('dashboards/sql/%s runs and returns rows', async (file) => {
    expect(await rowCount(readFileSync(join(SQL_DIR, file), 'utf8'))).toBeGreaterThan(0);
  });

  it.each(panels.filter((p) => p.targets?.length))(
    'Grafana panel "$title" runs and returns rows',
    async (panel) => {
      for (const target of panel.targets!) {
        expect(await rowCount(asGrafanaSends(target.rawSql!))).toBeGreaterThan(0);
      }
    },
  );

  it.each(dashboard.templating.list.filter((v) => v.type === 'query'))(
    'Grafana variable "$name" runs and returns rows',
    async (variable) => {
      expect(await rowCount(asGrafanaSends(variable.query))).toBeGreaterThan(0);
    },
  );

  it('names, in each Grafana panel, the dashboards/sql file it is based on, and uses them all', () => {
    const named = panels.map(
      (p) => /dashboards\/sql\/([\w-]+\.sql)/.exec(p.description ?? '')?.[1],
    );
    expect(named.filter((f) => f === undefined || !sqlFiles.includes(f))).toEqual([]);
    expect([...new Set(named)].sort()).toEqual([...sqlFiles].sort());
  });

  it('ships a PowerBI data source file for the local warehouse', () => {
    const pbids = JSON.parse(
      readFileSync(join(DASHBOARDS_DIR, 'powerbi', 'spotify-insights.pbids'), 'utf8'),
    ) as { version: string; connections: { details: unknown; mode: string }[] };
    expect(pbids.version).toBe('0.1');
    expect(pbids.connections).toEqual([
      {
        details: {
          protocol: 'postgresql',
          address: { server: '127.0.0.1:5432', database: 'insights' },
        },
        options: {},
        mode: 'Import',
      },
    ]);
  });
});
