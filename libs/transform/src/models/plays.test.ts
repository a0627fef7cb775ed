import { describe, expect, it } from 'vitest';
import { fixtureLine, fixtureLines, TOPIC, type RawLine } from '../test-support/raw-fixtures.ts';
import { useTransformDb } from '../test-support/transform-db.ts';
import { PLAY_INPUTS, playsSql } from './plays.ts';

const play = (index: number): RawLine => fixtureLine(TOPIC.recentPlays, index);

/** A copy of a play with another played_at (epoch ms), as a later poll could return it. */
const playedAt = (line: RawLine, epochMs: number, fetchedLater = 0): RawLine => ({
  ...line,
  envelope: { ...line.envelope, fetched_at: line.envelope.fetched_at + fetchedLater },
  fields: { ...line.fields, played_at: epochMs },
});

const toSecond = (epochMs: number) => new Date(Math.floor(epochMs / 1000) * 1000);

describe('plays', () => {
  const db = useTransformDb();

  it('has one typed row per polled play: ended at, to the second, lasting the track', async () => {
    const lines = fixtureLines(TOPIC.recentPlays);
    await db.stageAndBuild([await db.writeRaw('plays.ndjson', TOPIC.recentPlays, lines)]);

    const rows = await db.rows('SELECT * FROM plays ORDER BY played_at');
    const expected = lines
      .map((line) => ({
        user_id: line.envelope.user_id,
        played_at: toSecond(line.fields['played_at'] as number),
        track_id: line.fields['track_id'],
        ms_played: line.fields['duration_ms'],
        skipped: null,
        reason_start: null,
        reason_end: null,
        shuffle: null,
        offline: null,
        platform: null,
        conn_country: null,
        incognito: false,
        context_type: line.fields['context_type'],
        context_uri: line.fields['context_uri'],
        source: 'api',
        played_to_the_minute: false,
        played_date: new Date(
          new Date(line.fields['played_at'] as number).toISOString().slice(0, 10),
        ),
      }))
      .sort((a, b) => a.played_at.getTime() - b.played_at.getTime());
    expect(rows).toEqual(expected);
    expect(rows[0]).toMatchObject({
      user_id: 'boris.sim',
      played_at: new Date('2026-11-20T02:14:42Z'),
      played_date: new Date('2026-11-20'),
    });
  });

  it('keeps one row for a play found in two raw files', async () => {
    await db.stageAndBuild([
      await db.writeRaw('0-0-2.ndjson', TOPIC.recentPlays, [play(0), play(1)]),
      // a redelivered or overlapping batch
      await db.writeRaw('0-1-3.ndjson', TOPIC.recentPlays, [play(1), play(2)]),
    ]);

    expect(await db.rows('SELECT count(*) AS n FROM plays')).toEqual([{ n: 3n }]);
    expect(await db.rows('SELECT count(*) AS n FROM plays__passed')).toEqual([{ n: 3n }]);
  });

  it('keeps one row for the same play with and without milliseconds', async () => {
    const withMs = play(0); // played_at …54.604
    const withoutMs = playedAt(
      play(0),
      Math.floor((withMs.fields['played_at'] as number) / 1000) * 1000,
      1000,
    );

    await db.stageAndBuild([
      await db.writeRaw('api.ndjson', TOPIC.recentPlays, [withMs, withoutMs]),
    ]);

    expect(await db.rows('SELECT played_at FROM plays')).toEqual([
      { played_at: new Date('2026-11-20T13:05:54Z') },
    ]);
  });

  it('keeps two plays of one track a second apart', async () => {
    const first = play(0);
    const second = playedAt(play(0), (first.fields['played_at'] as number) + 1000);

    await db.stageAndBuild([await db.writeRaw('p.ndjson', TOPIC.recentPlays, [first, second])]);

    expect(await db.rows('SELECT count(*) AS n FROM plays')).toEqual([{ n: 2n }]);
  });

  it('puts played_at and played_date in UTC whatever the connection time zone', async () => {
    // 23:30:00.5 UTC on the 20th is already the 21st in Kiribati (UTC+14).
    const late = playedAt(play(0), Date.parse('2026-11-20T23:30:00.500Z'));
    await db.conn.run(`SET TimeZone = 'Pacific/Kiritimati'`);

    await db.stageAndBuild([await db.writeRaw('p.ndjson', TOPIC.recentPlays, [late])]);

    expect(
      await db.rows(
        `SELECT epoch_ms(played_at) AS ms, CAST(played_date AS VARCHAR) AS day FROM plays`,
      ),
    ).toEqual([{ ms: BigInt(Date.parse('2026-11-20T23:30:00Z')), day: '2026-11-20' }]);
  });

  it("takes a second input as one more SELECT, and an imported play's row wins over the API's", async () => {
    // What the streaming-history import will add: the same play, to the second, with
    // what the export knows (ms_played, skips, platform…).
    const polled = play(0);
    const second = Math.floor((polled.fields['played_at'] as number) / 1000);
    const importPlays = `
      SELECT user_id, epoch_ms(ts_ms) AS played_at_utc, track_id, ms_played, skipped,
             reason_start, reason_end, shuffle, offline, platform, conn_country, incognito,
             NULL AS context_type, NULL AS context_uri, 'import' AS source, 0 AS fetched_at
      FROM (VALUES ('ayaka.sim', ${second * 1000}, '${polled.fields['track_id']}', 61000, TRUE,
                    'clickrow', 'fwdbtn', FALSE, FALSE, 'android', 'DE', FALSE))
        AS import_plays(user_id, ts_ms, track_id, ms_played, skipped, reason_start,
                        reason_end, shuffle, offline, platform, conn_country, incognito)`;
    await db.stageAndBuild([await db.writeRaw('p.ndjson', TOPIC.recentPlays, [polled, play(1)])]);

    await db.conn.run(playsSql([...PLAY_INPUTS, importPlays]));

    expect(
      await db.rows(
        'SELECT source, ms_played, skipped, platform, conn_country FROM plays ORDER BY played_at',
      ),
    ).toEqual([
      {
        source: 'api',
        ms_played: play(1).fields['duration_ms'],
        skipped: null,
        platform: null,
        conn_country: null,
      },
      {
        source: 'import',
        ms_played: 61000,
        skipped: true,
        platform: 'android',
        conn_country: 'DE',
      },
    ]);
  });
});

/*
 * The streaming-history topic holds both kinds of history file. An extended history
 * play ends at a second (ts) and its original object has `ts`; an account-data play
 * (StreamingHistory*.json) ends at a minute (endTime) and its object has `endTime`: the
 * lines below are shaped as libs/ingestion's streaming-history-record.ts and
 * account-history-record.ts publish them.
 */
describe('plays of account data (to the minute) next to plays to the second', () => {
  const db = useTransformDb();
  const api = play(0);
  const user = api.envelope.user_id;
  const track = api.fields['track_id'] as string;

  const historyLine = (
    file: string,
    fields: Record<string, unknown>,
    item: Record<string, unknown>,
    fetchedAt = 1_795_400_000_000,
  ): RawLine => ({
    envelope: {
      user_id: user,
      fetched_at: fetchedAt,
      endpoint: `import ${file}`,
      run_id: `import-${file}`,
      topic: TOPIC.streamingHistory,
      partition: 0,
      offset: '0',
      schema_id: 7,
    },
    fields,
    item,
  });

  /** An extended history play that ended at `iso` (to the second). */
  const extended = (iso: string, msPlayed = 61_000): RawLine =>
    historyLine(
      'Streaming_History_Audio_2026.json',
      { ts: Date.parse(iso), ms_played: msPlayed, track_id: track, platform: 'android' },
      { ts: iso, ms_played: msPlayed, spotify_track_uri: `spotify:track:${track}` },
    );

  /** An account-data play that ended in the minute `endTime` ("YYYY-MM-DD HH:mm", UTC). */
  const account = (endTime: string, msPlayed = 59_000, file = 'StreamingHistory_music_0.json') =>
    historyLine(
      file,
      { ts: Date.parse(`${endTime.replace(' ', 'T')}:00Z`), ms_played: msPlayed, track_id: track },
      { endTime, artistName: 'Some Artist', trackName: 'Waltz Moonlight', msPlayed },
    );

  const build = async (history: RawLine[], polled: RawLine[] = []) => {
    const files = [await db.writeRaw('history.ndjson', TOPIC.streamingHistory, history)];
    if (polled.length > 0) {
      files.push(await db.writeRaw('recent.ndjson', TOPIC.recentPlays, polled));
    }
    await db.stageAndBuild(files);
    return db.rows(
      `SELECT strftime(played_at AT TIME ZONE 'UTC', '%H:%M:%S') AS ended, ms_played, source,
              platform
       FROM plays ORDER BY played_at`,
    );
  };

  it('drops the account play when an extended play of its track ended in that minute', async () => {
    const rows = await build([account('2026-11-20 12:34'), extended('2026-11-20T12:34:41Z')]);

    expect(rows).toEqual([
      { ended: '12:34:41', ms_played: 61_000, source: 'import', platform: 'android' },
    ]);
  });

  it('drops it for an extended play ending on the minute itself', async () => {
    // [M, M + 60 s): 12:34:00 is in the minute 12:34, 12:35:02 is not.
    expect(await build([account('2026-11-20 12:34'), extended('2026-11-20T12:34:00Z')])).toEqual([
      { ended: '12:34:00', ms_played: 61_000, source: 'import', platform: 'android' },
    ]);
  });

  it('keeps both when the extended play ended in the next minute', async () => {
    const rows = await build([account('2026-11-20 12:34'), extended('2026-11-20T12:35:02Z')]);

    expect(rows).toEqual([
      { ended: '12:34:00', ms_played: 59_000, source: 'import', platform: null },
      { ended: '12:35:02', ms_played: 61_000, source: 'import', platform: 'android' },
    ]);
  });

  it('keeps an account play nothing else saw: it is the only record', async () => {
    expect(await build([account('2026-11-20 12:34')])).toEqual([
      { ended: '12:34:00', ms_played: 59_000, source: 'import', platform: null },
    ]);
  });

  it('flags the account play as known to the minute, for the batches after this one', async () => {
    await build([account('2026-11-20 12:34'), extended('2026-11-20T12:35:02Z')]);

    expect(
      await db.rows('SELECT played_to_the_minute AS minute FROM plays ORDER BY played_at'),
    ).toEqual([{ minute: true }, { minute: false }]);
  });

  it('keeps one of two account plays of the same minute and track (two files, same data)', async () => {
    const rows = await build([
      account('2026-11-20 12:34', 59_000, 'StreamingHistory0.json'),
      account('2026-11-20 12:34', 59_000, 'StreamingHistory_music_0.json'),
    ]);

    expect(rows).toEqual([
      { ended: '12:34:00', ms_played: 59_000, source: 'import', platform: null },
    ]);
  });

  it("keeps the API play's second with the account play's ms_played when both saw it", async () => {
    const polled = playedAt(play(0), Date.parse('2026-11-20T12:34:41.250Z'));

    const rows = await build([account('2026-11-20 12:34', 59_000)], [polled]);

    expect(rows).toEqual([{ ended: '12:34:41', ms_played: 59_000, source: 'api', platform: null }]);
  });

  it('keeps the extended play alone when the API and account data saw it too', async () => {
    const polled = playedAt(play(0), Date.parse('2026-11-20T12:34:41.250Z'));

    const rows = await build(
      [account('2026-11-20 12:34'), extended('2026-11-20T12:34:41Z')],
      [polled],
    );

    expect(rows).toEqual([
      { ended: '12:34:41', ms_played: 61_000, source: 'import', platform: 'android' },
    ]);
  });

  it('leaves the ms_played of two API plays in one minute alone (which one it was is unknown)', async () => {
    const first = playedAt(play(0), Date.parse('2026-11-20T12:34:05Z'));
    const second = playedAt(play(0), Date.parse('2026-11-20T12:34:50Z'));

    const rows = await build([account('2026-11-20 12:34', 3_000)], [first, second]);

    expect(rows.map((row) => [row['ended'], row['ms_played']])).toEqual([
      ['12:34:05', api.fields['duration_ms']],
      ['12:34:50', api.fields['duration_ms']],
    ]);
  });

  it('matches on the track: another track in the same minute is another play', async () => {
    const other = { ...extended('2026-11-20T12:34:41Z') };
    other.fields = { ...other.fields, track_id: '4uLU6hMCjMI75M1A2tKUQC' };

    const rows = await build([account('2026-11-20 12:34'), other]);

    expect(rows).toHaveLength(2);
  });
});
