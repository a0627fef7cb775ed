import type { FileImportOutcome, ResolutionStats } from '@spotify-insights/ingestion';

/** A file the import refused (a wrong or broken file), with the message naming where. */
export interface FileFailure {
  file: string;
  message: string;
}

const fileLine = (o: FileImportOutcome, unit: string): string => {
  if (o.status === 'skipped') return `  ${o.file}: already imported, skipped`;
  const parts = [`${o.records} ${unit} sent`];
  if (o.deadLettered) {
    parts.push(
      `${o.deadLettered} dead-lettered${o.unresolved ? ` (${o.unresolved} not found by search)` : ''}`,
    );
  }
  return `  ${o.file}: ${parts.join(', ')}${o.resumedAt ? ` (resumed after ${o.resumedAt})` : ''}`;
};

/** What an import did, file by file, for the terminal. */
export function importSummary(input: {
  unit: string;
  topic: string;
  outcomes: readonly FileImportOutcome[];
  failures: readonly FileFailure[];
  resolution?: ResolutionStats;
}): string {
  const { outcomes, failures, unit } = input;
  const imported = outcomes.filter((o) => o.status === 'imported');
  const sum = (k: 'records' | 'deadLettered' | 'unresolved') =>
    outcomes.reduce((n, o) => n + o[k], 0);
  const total = outcomes.length + failures.length;
  const lines = [
    `Imported ${imported.length} of ${total} files: ${sum('records')} ${unit} sent to ${input.topic}, ${sum('deadLettered')} dead-lettered to ${input.topic}.dlq${sum('unresolved') ? ` (${sum('unresolved')} plays whose track search did not find)` : ''}.`,
    ...outcomes.map((o) => fileLine(o, unit)),
    ...failures.map((f) => `  ${f.file}: NOT IMPORTED: ${f.message}`),
  ];
  if (input.resolution) {
    const r = input.resolution;
    lines.push(
      `Track search: ${r.cached + r.searched} distinct (artist, track) pairs, ${r.cached} from the cache, ${r.searched} searched (${r.notFound} not found).`,
    );
  }
  lines.push('The consumers land them in raw; the next transform run puts them in the warehouse.');
  return lines.join('\n');
}
