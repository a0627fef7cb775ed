/*
 * GET /search: case-insensitive substring match on names, per requested type (tracks
 * narrowed by an `artist:` filter, see search-query.ts), with the
 * Development Mode page size of at most 10 (50 in the legacy profile).
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import { isLegacy } from './profile.ts';
import { intParam } from './params.ts';
import {
  fullArtist,
  fullTrack,
  paging,
  simplifiedAlbum,
  simplifiedEpisode,
  simplifiedPlaylist,
  simplifiedShow,
} from './present.ts';
import { apiGet } from './route.ts';
import { hasAllWords, parseSearchQuery } from './search-query.ts';

const TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'] as const;
type SearchType = (typeof TYPES)[number];

export function registerSearchRoutes(app: FastifyInstance, state: SimState): void {
  const { catalogue, playlists } = state.world;

  apiGet(app, state, '/search', {}, (ctx) => {
    const q = (ctx.query.q ?? '').trim();
    if (!q) throw new ApiError('bad_request', 'No search query');
    const types = (ctx.query.type ?? '').split(',').filter(Boolean);
    if (types.length === 0 || types.some((t) => !(TYPES as readonly string[]).includes(t))) {
      throw new ApiError('bad_request', 'Missing or invalid parameter type');
    }
    const legacy = isLegacy(state.profile);
    const limit = intParam(ctx.query.limit, 'limit', legacy ? 20 : 5, 1, legacy ? 50 : 10);
    const offset = intParam(ctx.query.offset, 'offset', 0, 0, 1000);
    // `artist:` narrows tracks to an artist's; other filters' words match names.
    const { nameWords, artistWords } = parseSearchQuery(q);
    const matches = (name: string) => hasAllWords(name, nameWords);
    const byArtist = (track: { artistIds: readonly string[] }) =>
      artistWords.length === 0 ||
      track.artistIds.some((id) => hasAllWords(catalogue.artists.get(id)?.name ?? '', artistWords));
    const section = <T>(
      all: readonly T[],
      name: (x: T) => string,
      present: (x: T) => Record<string, unknown>,
      type: SearchType,
    ) => {
      const hits = all.filter((x) => matches(name(x)));
      const url = new URL(ctx.selfUrl);
      url.searchParams.set('type', type);
      return paging(
        hits.slice(offset, offset + limit).map(present),
        limit,
        offset,
        hits.length,
        url.toString(),
      );
    };
    const result: Record<string, unknown> = {};
    for (const type of new Set(types as SearchType[])) {
      const p = ctx.present;
      if (type === 'track')
        result.tracks = section(
          catalogue.trackList.filter(byArtist),
          (t) => t.name,
          (t) => fullTrack(p, t),
          type,
        );
      if (type === 'artist')
        result.artists = section(
          [...catalogue.artists.values()],
          (a) => a.name,
          (a) => fullArtist(p, a),
          type,
        );
      if (type === 'album')
        result.albums = section(
          [...catalogue.albums.values()],
          (a) => a.name,
          (a) => simplifiedAlbum(p, a),
          type,
        );
      if (type === 'show')
        result.shows = section(
          [...catalogue.shows.values()],
          (s) => s.name,
          (s) => simplifiedShow(p, s),
          type,
        );
      if (type === 'episode')
        result.episodes = section(
          [...catalogue.episodes.values()],
          (e) => e.name,
          (e) => simplifiedEpisode(p, e),
          type,
        );
      if (type === 'audiobook')
        result.audiobooks = section(
          [],
          () => '',
          () => ({}),
          type,
        );
      if (type === 'playlist') {
        const publicOnes = [...playlists.byId.values()].filter((pl) => pl.public && !pl.editorial);
        result.playlists = section(
          publicOnes,
          (pl) => pl.name,
          (pl) =>
            simplifiedPlaylist(
              p,
              pl,
              state.world.user(pl.ownerId)?.displayName ?? pl.ownerId,
              ctx.now,
            ),
          type,
        );
      }
    }
    return result;
  });
}
