/*
 * Catalogue lookups, one id per request (the 2026 API removed the batch forms):
 * artists, albums, tracks, an artist's albums, episodes and shows.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import { isLegacy } from './profile.ts';
import { intParam, offsetParam } from './params.ts';
import {
  fullAlbum,
  fullArtist,
  fullEpisode,
  fullTrack,
  paging,
  simplifiedAlbum,
  simplifiedEpisode,
  simplifiedShow,
  simplifiedTrack,
} from './present.ts';
import { apiGet } from './route.ts';

const ID = /^[0-9A-Za-z]{22}$/;

export function found<T>(map: ReadonlyMap<string, T>, id: string | undefined): T {
  if (!id || !ID.test(id)) throw new ApiError('bad_request', 'Invalid base62 id');
  const value = map.get(id);
  if (value === undefined) throw new ApiError('not_found', 'Resource not found');
  return value;
}

export function registerCatalogueRoutes(app: FastifyInstance, state: SimState): void {
  const { catalogue } = state.world;

  apiGet(app, state, '/artists/:id', {}, (ctx) =>
    fullArtist(ctx.present, found(catalogue.artists, ctx.params.id)),
  );
  apiGet(app, state, '/albums/:id', {}, (ctx) =>
    fullAlbum(ctx.present, found(catalogue.albums, ctx.params.id)),
  );
  apiGet(app, state, '/tracks/:id', {}, (ctx) =>
    fullTrack(ctx.present, found(catalogue.tracks, ctx.params.id)),
  );
  apiGet(app, state, '/episodes/:id', {}, (ctx) =>
    fullEpisode(ctx.present, found(catalogue.episodes, ctx.params.id)),
  );

  apiGet(app, state, '/shows/:id', {}, (ctx) => {
    const show = found(catalogue.shows, ctx.params.id);
    const episodes = show.episodeIds
      .slice(0, 50)
      .map((id) => simplifiedEpisode(ctx.present, catalogue.episodes.get(id)!));
    const episodesUrl = `${ctx.present.apiBase}/shows/${show.id}/episodes`;
    return {
      ...simplifiedShow(ctx.present, show),
      episodes: paging(episodes, 50, 0, show.episodeIds.length, episodesUrl),
    };
  });

  apiGet(app, state, '/albums/:id/tracks', {}, (ctx) => {
    const album = found(catalogue.albums, ctx.params.id);
    const limit = intParam(ctx.query.limit, 'limit', 20, 1, 50);
    const offset = offsetParam(ctx.query);
    const items = album.trackIds
      .slice(offset, offset + limit)
      .map((id) => simplifiedTrack(ctx.present, catalogue.tracks.get(id)!));
    return paging(items, limit, offset, album.trackIds.length, ctx.selfUrl);
  });

  apiGet(app, state, '/artists/:id/albums', {}, (ctx) => {
    const artist = found(catalogue.artists, ctx.params.id);
    // Development Mode caps this page at 10 (default 5); the legacy API allowed 50.
    const max = isLegacy(ctx.state.profile) ? 50 : 10;
    const limit = intParam(ctx.query.limit, 'limit', isLegacy(ctx.state.profile) ? 20 : 5, 1, max);
    const offset = offsetParam(ctx.query);
    const groups = (ctx.query.include_groups ?? 'album,single,compilation,appears_on').split(',');
    const albums = artist.albumIds
      .map((id) => catalogue.albums.get(id)!)
      .filter((a) => groups.includes(a.albumType));
    const items = albums
      .slice(offset, offset + limit)
      .map((a) => ({ ...simplifiedAlbum(ctx.present, a), album_group: a.albumType }));
    return paging(items, limit, offset, albums.length, ctx.selfUrl);
  });
}
