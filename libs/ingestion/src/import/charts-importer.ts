import { basename } from 'node:path';
import {
  chartHeaderUnit,
  chartOfFileName,
  toChartEntry,
  CHART_HEADERS,
  type ChartFile,
} from './chart-row.ts';
import type { ExportElement, ExportFormat } from './export-format.ts';
import {
  openExportFileImporter,
  type ExportFileImporter,
  type ExportFileImporterDeps,
} from './export-file-importer.ts';
import { ImportError } from './import-error.ts';
import { streamCsvRows } from './csv-rows-stream.ts';

/**
 * Spotify Charts CSVs: the header (either variant) is read first, then each data row is
 * an element (index 0 = line 2). Key = the chart name: charts belong to no user, and one
 * chart's days stay in one partition, in order.
 */
export const chartsFormat: ExportFormat = {
  source: 'charts',
  kind: 'charts',
  open: (path, envelope) => {
    const file = basename(path);
    const chart = chartOfFileName(file);
    if (!chart) {
      throw new ImportError(
        'WRONG_SHAPE',
        'not a Spotify Charts file name (<chart>-YYYY-MM-DD.csv, e.g. regional-global-daily-2024-01-01.csv): the chart and its date come from it',
        { file },
      );
    }
    let header: ChartFile | undefined;
    async function* elements(): AsyncGenerator<ExportElement> {
      let index = 0;
      for await (const row of streamCsvRows(path)) {
        if (!header) {
          const unit = chartHeaderUnit(row.fields);
          if (!unit) {
            throw new ImportError(
              'WRONG_SHAPE',
              `not a Spotify Charts header: expected ${CHART_HEADERS.weeks.join(',')} (or days_on_chart for weeks_on_chart)`,
              { file, line: row.line, byte: row.byte },
            );
          }
          header = { ...chart!, unit, header: row.fields.map((h) => h.trim()) };
          continue;
        }
        yield {
          index: index++,
          value: row.fields,
          line: row.line,
          byte: row.byte,
          bytesRead: row.bytesRead,
        };
      }
      if (!header) throw new ImportError('NOT_CSV', 'is empty', { file });
    }
    return {
      elements: elements(),
      checkFirst: () => undefined,
      mapChunk: (rows) =>
        Promise.resolve(
          rows.map((row) => {
            const mapped = toChartEntry(row.value as string[], header!, envelope);
            return mapped.ok ? { ...mapped, key: chart.chartName } : mapped;
          }),
        ),
    };
  },
};

/** The charts importer (see openExportFileImporter). */
export const openChartsImporter = (deps: ExportFileImporterDeps): Promise<ExportFileImporter> =>
  openExportFileImporter(chartsFormat, deps);
