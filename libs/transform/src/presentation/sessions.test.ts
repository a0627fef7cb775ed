import { describe, expect, it } from 'vitest';
import { sessions } from './aggregates/sessions.ts';
import { streaks } from './aggregates/streaks.ts';
import { pick, table } from './test-support/expected-rows.ts';
import { useProcessedDb } from './test-support/processed-db.ts';

describe('sessions and streaks over the friend group', () => {
  const db = useProcessedDb();

  it('sessions: a play starting more than 10 minutes after the previous end starts a new one', async () => {
    const columns = [
      'session_number',
      'session_start',
      'session_end',
      'duration_minutes',
      'plays',
      'minutes',
      'music_plays',
      'podcast_plays',
    ];
    expect(pick(await db.rows(sessions, 'u1'), ...columns)).toEqual([
      [1, '2025-12-31 23:55:40+00', '2025-12-31 23:59:00+00', 3.33, 1, 3.33, 1, 0],
      [2, '2026-03-10 11:56:40+00', '2026-03-10 12:00:00+00', 3.33, 1, 3.33, 1, 0],
      [3, '2026-08-01 09:57:00+00', '2026-08-01 10:00:00+00', 3, 1, 3, 1, 0],
      [4, '2026-10-05 07:20:00+00', '2026-10-05 07:30:00+00', 10, 1, 10, 0, 1],
      // 08:00:00 → 08:03:00, 08:03:10 (the import's 230 s) → 08:07:00, 08:07:00 → 08:07:20;
      // 180 000 + 230 000 + 20 000 = 430 000 ms
      [5, '2026-11-20 08:00:00+00', '2026-11-20 08:07:20+00', 7.33, 3, 7.17, 3, 0],
      // t1 starts 08:27:00, 19 min 40 s after 08:07:20: a new session. The podcast starts
      // 08:40:00, exactly 10 minutes after 08:30:00: the same one. The incognito play
      // (08:30 → 08:33) is not in it: 2 plays, 180 000 + 1 200 000 ms.
      [6, '2026-11-20 08:27:00+00', '2026-11-20 09:00:00+00', 33, 2, 23, 1, 1],
      [7, '2026-11-21 22:00:00+00', '2026-11-21 22:04:00+00', 4, 1, 4, 1, 0],
      // 00:09:35 → 00:10:00 (25 s), then 00:11:00 → 00:14:00: one minute apart
      [8, '2026-11-22 00:09:35+00', '2026-11-22 00:14:00+00', 4.42, 2, 3.42, 2, 0],
    ]);
    expect(pick(await db.rows(sessions, 'u2'), 'session_start')).toEqual([
      ['2026-11-20 19:56:40+00'],
      ['2026-11-21 06:59:40+00'],
      ['2026-11-22 20:56:40+00'],
    ]);
  });

  it('streaks: runs of days with a stream, current when the last day is yesterday or today', async () => {
    const columns = ['user_id', 'started_on', 'ended_on', 'days', 'is_current', 'is_longest'];
    expect(await db.rows(streaks)).toEqual(
      table(columns, [
        ['u1', '2025-12-31', '2025-12-31', 1, false, false],
        ['u1', '2026-03-10', '2026-03-10', 1, false, false],
        ['u1', '2026-08-01', '2026-08-01', 1, false, false],
        ['u1', '2026-10-05', '2026-10-05', 1, false, false], // a podcast stream counts too
        // 20, 21, 22 November; now is the 23rd, so the 22nd keeps it alive
        ['u1', '2026-11-20', '2026-11-22', 3, true, true],
        // bob's 21st holds only a 20 s podcast play, no stream: the run breaks
        ['u2', '2026-11-20', '2026-11-20', 1, false, true],
        ['u2', '2026-11-22', '2026-11-22', 1, true, true],
        ['u3', '2026-11-21', '2026-11-21', 1, false, true],
      ]),
    );
  });
});
