// Polls Spotify's recent-plays source for every connected user and publishes it (libs/ingestion does the work).
// --once runs one cycle and exits.
import { runProducerApp } from '@spotify-insights/ingestion';
import { SOURCES } from '@spotify-insights/sources';

await runProducerApp(SOURCES['recent-plays'], { once: process.argv.includes('--once') });
