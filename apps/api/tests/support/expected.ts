import { PLAYS, TRACKS, type FixturePlay } from './listening-fixture.ts';

/*
 * What the API should answer, computed from the fixture's arrays in plain JavaScript:
 * an independent second implementation of the marts' rules (incognito left out, a
 * stream is >= 30 s, minutes add up every ms, one ISRC is one track, a track credits
 * each artist; ranks by streams, then ms, then name).
 */

const track = (id: string) => TRACKS.find((t) => t.id === id)!;
const recordingOf = (id: string) => {
  const t = track(id);
  return t.isrc ? `isrc:${t.isrc.toUpperCase()}` : `track:${t.id}`;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

export function playsOf(user: string, from = -Infinity, to = Infinity): FixturePlay[] {
  return PLAYS.filter((p) => {
    const t = Date.parse(p.playedAt);
    return p.user === user && !p.incognito && t >= from && t < to;
  });
}

export function expectedOverview(plays: FixturePlay[]) {
  const ms = plays.reduce((sum, p) => sum + p.ms, 0);
  return {
    plays: plays.length,
    streams: plays.filter((p) => p.ms >= 30_000).length,
    minutes: round2(ms / 60_000),
    distinctTracks: new Set(plays.map((p) => recordingOf(p.track))).size,
    distinctArtists: new Set(plays.flatMap((p) => track(p.track).artists)).size,
    distinctAlbums: new Set(plays.map((p) => track(p.track).album)).size,
  };
}

interface Tally {
  key: string;
  name: string;
  plays: number;
  streams: number;
  ms: number;
}

function rank(tallies: Map<string, Tally>) {
  return [...tallies.values()]
    .sort(
      (a, b) =>
        b.streams - a.streams || b.ms - a.ms || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .map((t, i) => ({
      rank: i + 1,
      key: t.key,
      plays: t.plays,
      streams: t.streams,
      minutes: round2(t.ms / 60_000),
    }));
}

function tally(plays: FixturePlay[], keysOf: (p: FixturePlay) => { key: string; name: string }[]) {
  const tallies = new Map<string, Tally>();
  for (const p of plays)
    for (const { key, name } of keysOf(p)) {
      const t = tallies.get(key) ?? { key, name, plays: 0, streams: 0, ms: 0 };
      t.plays += 1;
      t.streams += p.ms >= 30_000 ? 1 : 0;
      t.ms += p.ms;
      tallies.set(key, t);
    }
  return rank(tallies);
}

/** Top artists: key = Spotify artist id. */
export const expectedTopArtists = (plays: FixturePlay[], names: Map<string, string>) =>
  tally(plays, (p) => track(p.track).artists.map((a) => ({ key: a, name: names.get(a)! })));

/** Top albums: key = Spotify album id. */
export const expectedTopAlbums = (plays: FixturePlay[], names: Map<string, string>) =>
  tally(plays, (p) => [{ key: track(p.track).album, name: names.get(track(p.track).album)! }]);

/** Top tracks: key = recording; the test checks the shown id is the most played of it. */
export const expectedTopRecordings = (plays: FixturePlay[]) =>
  tally(plays, (p) => [{ key: recordingOf(p.track), name: track(p.track).name }]);

/** ISO weekday (1 = Monday) and hour of an instant, `offsetHours` east of UTC. */
export function weekdayHour(iso: string, offsetHours = 0): [number, number] {
  const d = new Date(Date.parse(iso) + offsetHours * 3_600_000);
  return [d.getUTCDay() === 0 ? 7 : d.getUTCDay(), d.getUTCHours()];
}

/** Local days (UTC + offset) with a stream, music or podcast, in streak runs, longest first. */
export function expectedStreaks(streamDays: string[]): { startedOn: string; days: number }[] {
  const days = [...new Set(streamDays)].sort();
  const runs: { startedOn: string; days: number }[] = [];
  for (const day of days) {
    const last = runs.at(-1);
    const previous = last && new Date(Date.parse(last.startedOn) + last.days * 86_400_000);
    if (previous && previous.toISOString().slice(0, 10) === day) last.days += 1;
    else runs.push({ startedOn: day, days: 1 });
  }
  return runs.sort((a, b) => b.days - a.days || (a.startedOn < b.startedOn ? 1 : -1));
}

export { recordingOf };
