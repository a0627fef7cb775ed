// A history import in a process of its own, for a test to kill mid-file (SIGKILL: no
// chance to finish a chunk). argv: <database url> <topic> <file> <user> <chunk elements>.
// Prints each stored progress as one JSON line.
import { loadConfig } from '@spotify-insights/config';
import { openStreamingHistoryImporter } from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb } from '@spotify-insights/warehouse';

const [url, topic, path, userId, chunk] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const config = loadConfig();
const db = createWarehouseDb({ url }, { poolMax: 2 });
const importer = await openStreamingHistoryImporter({
  kafka: createKafka(config.kafka),
  registry: createSchemaRegistry(config.schemaRegistry),
  db,
  logger: createLogger('import-child', { level: 'error' }),
  topic,
  chunkElements: Number(chunk),
});
await importer.importFile({
  path,
  userId,
  runId: 'killed',
  onProgress: (p) => process.stdout.write(`${JSON.stringify({ position: p.position })}\n`),
});
await importer.close();
await db.destroy();
