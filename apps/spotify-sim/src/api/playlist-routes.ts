/*
 * Playlists in their 2026 shape: /me/playlists lists owned and followed playlists;
 * /playlists/{id} includes `items` only for the caller's own playlists;
 * /playlists/{id}/items answers only for the caller's own playlists (403 otherwise);
 * Spotify's editorial playlists answer 404 to Development Mode apps.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import type { Playlist } from '../world/playlists.ts';
import { SPOTIFY_OWNER } from '../world/playlists.ts';
import { snapshotId } from '../world/playlists.ts';
import { isLegacy } from './profile.ts';
import { slicePage } from './params.ts';
import { paging, playlistItem, simplifiedPlaylist } from './present.ts';
import { apiGet, userOf, type ApiContext } from './route.ts';

const PLAYLIST_SCOPES = ['playlist-read-private', 'playlist-read-collaborative'];

function ownerName(state: SimState, playlist: Playlist): string {
  return playlist.ownerId === SPOTIFY_OWNER.id
    ? SPOTIFY_OWNER.displayName
    : (state.world.user(playlist.ownerId)?.displayName ?? playlist.ownerId);
}

/** Finds a playlist the caller may see, applying the 2026 editorial-playlist rule. */
function visiblePlaylist(ctx: ApiContext): Playlist {
  const playlist = ctx.state.world.playlists.byId.get(ctx.params.id ?? '');
  if (!playlist || (playlist.editorial && !isLegacy(ctx.state.profile)))
    throw new ApiError('not_found', 'Resource not found');
  // Someone else's private playlist is indistinguishable from a missing one.
  if (!playlist.public && ctx.user?.id !== playlist.ownerId)
    throw new ApiError('not_found', 'Resource not found');
  return playlist;
}

function itemsPage(ctx: ApiContext, playlist: Playlist, field: 'item' | 'track', self: string) {
  const page = slicePage(playlist.entries(ctx.now), ctx.query);
  const items = page.items.map((e) => playlistItem(ctx.present, e, field));
  return paging(items, page.limit, page.offset, page.total, self);
}

export function registerPlaylistRoutes(app: FastifyInstance, state: SimState): void {
  apiGet(app, state, '/me/playlists', { needsUser: true, scopes: PLAYLIST_SCOPES }, (ctx) => {
    const page = slicePage(state.world.playlists.forUser(userOf(ctx).id), ctx.query);
    const items = page.items.map((p) =>
      simplifiedPlaylist(ctx.present, p, ownerName(state, p), ctx.now),
    );
    return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
  });

  apiGet(app, state, '/playlists/:id', {}, (ctx) => {
    const playlist = visiblePlaylist(ctx);
    const own = ctx.user?.id === playlist.ownerId;
    const summary = simplifiedPlaylist(ctx.present, playlist, ownerName(state, playlist), ctx.now);
    const entries = playlist.entries(ctx.now);
    const itemsUrl = `${ctx.present.apiBase}/playlists/${playlist.id}/items`;
    const legacy = isLegacy(state.profile);
    const firstPage = (field: 'item' | 'track', url: string) =>
      paging(
        entries.slice(0, 100).map((e) => playlistItem(ctx.present, e, field)),
        100,
        0,
        entries.length,
        url,
      );
    return {
      ...summary,
      snapshot_id: snapshotId(entries),
      ...(own || legacy ? { items: firstPage('item', itemsUrl) } : { items: undefined }),
      ...(legacy
        ? { tracks: firstPage('track', `${ctx.present.apiBase}/playlists/${playlist.id}/tracks`) }
        : {}),
    };
  });

  apiGet(
    app,
    state,
    '/playlists/:id/items',
    { needsUser: true, scopes: PLAYLIST_SCOPES },
    (ctx) => {
      const playlist = visiblePlaylist(ctx);
      if (playlist.ownerId !== userOf(ctx).id && !isLegacy(state.profile)) {
        throw new ApiError(
          'forbidden',
          'Playlist items are only available for playlists the current user owns',
        );
      }
      return itemsPage(ctx, playlist, 'item', ctx.selfUrl);
    },
  );

  // Renamed to /items in 2026; the old path survives only in the legacy profile.
  apiGet(app, state, '/playlists/:id/tracks', { scopes: PLAYLIST_SCOPES }, (ctx) => {
    if (!isLegacy(state.profile)) throw new ApiError('service_not_found');
    return itemsPage(ctx, visiblePlaylist(ctx), 'track', ctx.selfUrl);
  });
}
