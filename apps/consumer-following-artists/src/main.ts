// Lands the following-artists topic in the raw bucket (libs/ingestion does the work).
import { runRawConsumerApp } from '@spotify-insights/ingestion';

await runRawConsumerApp('following-artists');
