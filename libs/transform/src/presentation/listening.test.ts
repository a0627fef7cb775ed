import { describe, expect, it } from 'vitest';
import { listeningClock } from './aggregates/listening-clock.ts';
import { podcastListening } from './aggregates/podcast-listening.ts';
import { userDailyListening } from './aggregates/user-daily-listening.ts';
import { userMonthlyListening } from './aggregates/user-monthly-listening.ts';
import { LISTENING_MEASURES, table } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

// The numbers below are worked out by hand from the fixture's table
// (test-support/friend-group-fixture.ts); minutes = ms / 60 000, two decimals.
describe('the listening aggregates over the friend group', () => {
  const db = useProcessedDb();

  it('user_daily_listening: one row per local day, an API + import play once, incognito left out', async () => {
    const columns = ['user_id', 'date', ...LISTENING_MEASURES];
    expect(await db.rows(userDailyListening)).toEqual(
      table(columns, [
        ['u1', '2025-12-31', 3.33, 1, 1, 1, 1, 0, 0], // 200 000 ms
        ['u1', '2026-03-10', 3.33, 1, 1, 1, 1, 0, 0],
        ['u1', '2026-08-01', 3, 1, 1, 1, 1, 0, 0],
        // a day with a podcast only: zero music, the podcast apart
        ['u1', '2026-10-05', 0, 0, 0, 0, 0, 10, 1],
        // 180 000 + 230 000 (the import's, not the API's 240 000) + 20 000 (short, no
        // stream) + 180 000 = 610 000 ms; t4 was incognito (else 4 tracks, 4 artists);
        // t2 credits a1 and a2: a1, a2, a3; the podcast episode (API + import) once
        ['u1', '2026-11-20', 10.17, 3, 4, 3, 3, 20, 1],
        ['u1', '2026-11-21', 4, 1, 1, 1, 2, 0, 0],
        ['u1', '2026-11-22', 3.42, 1, 2, 2, 2, 0, 0], // 25 000 (short) + 180 000
        ['u2', '2026-11-20', 7.33, 2, 2, 2, 3, 0, 0], // t2 (a1, a2) + t4 (a4)
        ['u2', '2026-11-21', 0, 0, 0, 0, 0, 0.33, 1],
        // t2 and t5 share an ISRC but are two track ids, as marts.listening_daily counts
        ['u2', '2026-11-22', 6.67, 2, 2, 2, 2, 0, 0],
        ['u3', '2026-11-21', 1.67, 1, 1, 1, 1, 0, 0],
      ]),
    );
  });

  it('user_monthly_listening: months as YYYY-MM adding up the days', async () => {
    const columns = ['user_id', 'month', ...LISTENING_MEASURES];
    expect(await db.rows(userMonthlyListening)).toEqual(
      table(columns, [
        ['u1', '2025-12', 3.33, 1, 1, 1, 1, 0, 0],
        ['u1', '2026-03', 3.33, 1, 1, 1, 1, 0, 0],
        ['u1', '2026-08', 3, 1, 1, 1, 1, 0, 0],
        ['u1', '2026-10', 0, 0, 0, 0, 0, 10, 1],
        // 610 000 + 240 000 + 205 000 = 1 055 000 ms; streams 3 + 1 + 1
        ['u1', '2026-11', 17.58, 5, 7, 3, 3, 20, 1],
        // 200 000 + 240 000 + 200 000 + 200 000 = 840 000 ms; t2, t4, t5; a1, a2, a4
        ['u2', '2026-11', 14, 4, 4, 3, 3, 0.33, 1],
        ['u3', '2026-11', 1.67, 1, 1, 1, 1, 0, 0],
      ]),
    );
  });

  it('listening_clock: the ISO weekday and hour in which each play ended', async () => {
    const columns = ['weekday', 'hour', 'minutes', 'streams', 'plays'];
    expect(await db.rows(listeningClock, 'u1')).toEqual(
      table(
        ['user_id', ...columns, 'podcast_minutes', 'podcast_plays'],
        [
          ['u1', 1, 7, 0, 0, 0, 10, 1], // Monday 2026-10-05, a podcast
          ['u1', 2, 12, 3.33, 1, 1, 0, 0], // Tuesday 2026-03-10
          ['u1', 3, 23, 3.33, 1, 1, 0, 0], // Wednesday 2025-12-31
          ['u1', 5, 8, 10.17, 3, 4, 0, 0], // Friday 2026-11-20, 08:03 to 08:30
          ['u1', 5, 9, 0, 0, 0, 20, 1],
          ['u1', 6, 10, 3, 1, 1, 0, 0], // Saturday 2026-08-01
          ['u1', 6, 22, 4, 1, 1, 0, 0], // Saturday 2026-11-21
          ['u1', 7, 0, 3.42, 1, 2, 0, 0], // Sunday 2026-11-22
        ],
      ),
    );
  });

  it('podcast_listening: per month and show, apart from music, a nameless show as unknown', async () => {
    const columns = ['user_id', 'month', 'show_name', 'minutes', 'episodes', 'plays', 'streams'];
    expect(await db.rows(podcastListening)).toEqual(
      table(columns, [
        ['u1', '2026-10', 'Show A', 10, 1, 1, 1],
        // e1 once (API + import); the incognito e2 play of 2026-11-21 left out
        ['u1', '2026-11', 'Show A', 20, 1, 1, 1],
        ['u2', '2026-11', '(unknown show)', 0.33, 1, 1, 0],
      ]),
    );
  });
});
