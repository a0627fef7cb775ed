// Polls Spotify's liked-songs source for every connected user and publishes it (libs/ingestion does the work).
// --once runs one cycle and exits.
import { runProducerApp } from '@spotify-insights/ingestion';
import { SOURCES } from '@spotify-insights/sources';

await runProducerApp(SOURCES['liked-songs'], { once: process.argv.includes('--once') });
