// Lands the recent-plays topic in the raw bucket (libs/ingestion does the work).
import { runRawConsumerApp } from '@spotify-insights/ingestion';

await runRawConsumerApp('recent-plays');
