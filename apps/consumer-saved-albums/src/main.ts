// Lands the saved-albums topic in the raw bucket (libs/ingestion does the work).
import { runRawConsumerApp } from '@spotify-insights/ingestion';

await runRawConsumerApp('saved-albums');
