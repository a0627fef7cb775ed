import type { PresentationAggregate } from '../presentation-aggregate.ts';
import { artistDiscovery } from './artist-discovery.ts';
import { discovery } from './discovery.ts';
import { groupOverlap } from './group-overlap.ts';
import { listeningClock } from './listening-clock.ts';
import { playlistRankHistory } from './playlist-rank-history.ts';
import { podcastListening } from './podcast-listening.ts';
import { sessions } from './sessions.ts';
import { streaks } from './streaks.ts';
import { topAlbumsByPeriod } from './top-albums-by-period.ts';
import { topArtistsByPeriod } from './top-artists-by-period.ts';
import { topTracksByPeriod } from './top-tracks-by-period.ts';
import { userDailyListening } from './user-daily-listening.ts';
import { userMonthlyListening } from './user-monthly-listening.ts';

/** Every presentation aggregate, in the order they are built and written. */
export const PRESENTATION_AGGREGATES: readonly PresentationAggregate[] = [
  userDailyListening,
  userMonthlyListening,
  topTracksByPeriod,
  topArtistsByPeriod,
  topAlbumsByPeriod,
  listeningClock,
  sessions,
  streaks,
  discovery,
  artistDiscovery,
  groupOverlap,
  playlistRankHistory,
  podcastListening,
];
