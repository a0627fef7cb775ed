// Lands the streaming-history topic (plays imported from export files) in the raw bucket.
import { runRawConsumerApp } from '@spotify-insights/ingestion';

await runRawConsumerApp('streaming-history');
