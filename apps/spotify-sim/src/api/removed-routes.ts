/*
 * Endpoints Spotify took away. In dev-mode-2026 the 2024-11 restrictions (audio
 * features/analysis, recommendations, related artists, featured/category playlists)
 * answer 403, and the 2026-02 removals (batch lookups, users, artist top tracks, browse,
 * markets) answer 404. In extended-legacy the useful ones work again.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import { audioFeatures } from './audio-features.ts';
import { found } from './catalogue-routes.ts';
import { isLegacy } from './profile.ts';
import { slicePage } from './params.ts';
import { fullAlbum, fullArtist, fullTrack, paging, simplifiedPlaylist } from './present.ts';
import { apiGet, type ApiContext, type Handler } from './route.ts';

const RESTRICTED_2024 = [
  '/audio-analysis/:id',
  '/recommendations',
  '/browse/featured-playlists',
  '/browse/categories/:category_id/playlists',
];
const REMOVED_2026 = [
  '/browse/new-releases',
  '/browse/categories',
  '/browse/categories/:category_id',
  '/episodes',
  '/shows',
  '/audiobooks',
  '/chapters',
];

function ids(ctx: ApiContext, max: number): string[] {
  const list = (ctx.query.ids ?? '').split(',').filter(Boolean);
  if (list.length === 0 || list.length > max) throw new ApiError('bad_request', 'Invalid ids');
  return list;
}

export function registerRemovedRoutes(app: FastifyInstance, state: SimState): void {
  const { catalogue, seed } = state.world;
  const legacyOr =
    (restriction: 'forbidden' | 'service_not_found', handler: Handler): Handler =>
    (ctx) => {
      if (!isLegacy(state.profile)) throw new ApiError(restriction);
      return handler(ctx);
    };
  const orNull = <T>(map: ReadonlyMap<string, T>, id: string, present: (x: T) => unknown) => {
    const value = map.get(id);
    return value === undefined ? null : present(value);
  };

  for (const path of RESTRICTED_2024)
    apiGet(
      app,
      state,
      path,
      {},
      legacyOr('forbidden', () => {
        throw new ApiError('forbidden');
      }),
    );
  for (const path of REMOVED_2026)
    apiGet(
      app,
      state,
      path,
      {},
      legacyOr('service_not_found', () => {
        throw new ApiError('service_not_found');
      }),
    );

  apiGet(
    app,
    state,
    '/audio-features/:id',
    {},
    legacyOr('forbidden', (ctx) =>
      audioFeatures(seed, catalogue, ctx.present.apiBase, found(catalogue.tracks, ctx.params.id)),
    ),
  );
  apiGet(
    app,
    state,
    '/audio-features',
    {},
    legacyOr('forbidden', (ctx) => ({
      audio_features: ids(ctx, 100).map((id) =>
        orNull(catalogue.tracks, id, (t) => audioFeatures(seed, catalogue, ctx.present.apiBase, t)),
      ),
    })),
  );
  apiGet(
    app,
    state,
    '/recommendations/available-genre-seeds',
    {},
    legacyOr('forbidden', () => ({
      genres: [...catalogue.artistsByGenre.keys()],
    })),
  );
  apiGet(
    app,
    state,
    '/artists/:id/related-artists',
    {},
    legacyOr('forbidden', (ctx) => {
      const artist = found(catalogue.artists, ctx.params.id);
      const sameGenre = (catalogue.artistsByGenre.get(artist.genre) ?? []).filter(
        (id) => id !== artist.id,
      );
      return {
        artists: sameGenre
          .slice(0, 20)
          .map((id) => fullArtist(ctx.present, catalogue.artists.get(id)!)),
      };
    }),
  );

  apiGet(
    app,
    state,
    '/tracks',
    {},
    legacyOr('service_not_found', (ctx) => ({
      tracks: ids(ctx, 50).map((id) =>
        orNull(catalogue.tracks, id, (t) => fullTrack(ctx.present, t)),
      ),
    })),
  );
  apiGet(
    app,
    state,
    '/albums',
    {},
    legacyOr('service_not_found', (ctx) => ({
      albums: ids(ctx, 20).map((id) =>
        orNull(catalogue.albums, id, (a) => fullAlbum(ctx.present, a)),
      ),
    })),
  );
  apiGet(
    app,
    state,
    '/artists',
    {},
    legacyOr('service_not_found', (ctx) => ({
      artists: ids(ctx, 50).map((id) =>
        orNull(catalogue.artists, id, (a) => fullArtist(ctx.present, a)),
      ),
    })),
  );
  apiGet(
    app,
    state,
    '/artists/:id/top-tracks',
    {},
    legacyOr('service_not_found', (ctx) => {
      const artist = found(catalogue.artists, ctx.params.id);
      const tracks = artist.albumIds
        .flatMap((id) => catalogue.albums.get(id)?.trackIds ?? [])
        .map((id) => catalogue.tracks.get(id)!);
      tracks.sort((a, b) => b.popularity - a.popularity || (a.id < b.id ? -1 : 1));
      return { tracks: tracks.slice(0, 10).map((t) => fullTrack(ctx.present, t)) };
    }),
  );
  apiGet(
    app,
    state,
    '/markets',
    {},
    legacyOr('service_not_found', () => ({ markets: ['DE', 'FR', 'JP', 'US', 'TR', 'GB'] })),
  );

  apiGet(
    app,
    state,
    '/users/:user_id',
    {},
    legacyOr('service_not_found', (ctx) => {
      const user = state.world.user(ctx.params.user_id ?? '');
      if (!user) throw new ApiError('not_found', 'No such user');
      return {
        display_name: user.displayName,
        external_urls: { spotify: `https://open.spotify.com/user/${user.id}` },
        followers: { href: null, total: 7 },
        href: `${ctx.present.apiBase}/users/${user.id}`,
        id: user.id,
        images: [],
        type: 'user',
        uri: `spotify:user:${user.id}`,
      };
    }),
  );
  apiGet(
    app,
    state,
    '/users/:user_id/playlists',
    {},
    legacyOr('service_not_found', (ctx) => {
      const userId = ctx.params.user_id ?? '';
      if (!state.world.user(userId)) throw new ApiError('not_found', 'No such user');
      const owned = state.world.playlists
        .forUser(userId)
        .filter((p) => p.ownerId === userId && p.public);
      const page = slicePage(owned, ctx.query);
      const items = page.items.map((p) =>
        simplifiedPlaylist(ctx.present, p, state.world.user(p.ownerId)?.displayName ?? '', ctx.now),
      );
      return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
    }),
  );
}
