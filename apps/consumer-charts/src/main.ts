// Lands the charts topic (rows of imported Spotify Charts CSVs) in the raw bucket.
import { runRawConsumerApp } from '@spotify-insights/ingestion';

await runRawConsumerApp('charts');
