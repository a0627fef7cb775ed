/*
 * The current user's endpoints: profile, recently played, top items, saved tracks and
 * albums, followed artists. All views are computed for the simulated "now".
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import type { TimeRange } from '../world/library.ts';
import type { Play } from '../world/listening.ts';
import { intParam, limitParam, slicePage } from './params.ts';
import { fullAlbum, fullArtist, fullTrack, paging, privateUser } from './present.ts';
import { apiGet, userOf, type ApiContext } from './route.ts';

const RECENT_MAX = 50;
const TIME_RANGES: readonly TimeRange[] = ['short_term', 'medium_term', 'long_term'];

const iso = (ms: number) => new Date(ms).toISOString();
// Spotify's added_at has whole seconds; played_at keeps milliseconds.
const isoSeconds = (ms: number) => iso(Math.floor(ms / 1000) * 1000).replace('.000Z', 'Z');

function timeRange(query: Record<string, string>): TimeRange {
  const raw = query.time_range ?? 'medium_term';
  if (!(TIME_RANGES as readonly string[]).includes(raw))
    throw new ApiError('bad_request', 'Invalid time range');
  return raw as TimeRange;
}

function recentlyPlayed(ctx: ApiContext) {
  const user = userOf(ctx);
  const limit = limitParam(ctx.query);
  const { after: afterRaw, before: beforeRaw } = ctx.query;
  if (afterRaw !== undefined && beforeRaw !== undefined) {
    throw new ApiError('bad_request', 'Only one of after or before can be specified');
  }
  const after =
    afterRaw === undefined ? undefined : intParam(afterRaw, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
  const before =
    beforeRaw === undefined
      ? undefined
      : intParam(beforeRaw, 'before', 0, 0, Number.MAX_SAFE_INTEGER);

  // Spotify keeps only the last 50 plays; everything older is gone from this endpoint.
  const window = ctx.state.world.listening.recentPlays(user, ctx.now, RECENT_MAX);
  let page: Play[];
  let more: boolean;
  if (after !== undefined) {
    // The plays just after the cursor, still listed newest first.
    const newer = window.filter((p) => p.endedAt > after);
    page = newer.slice(Math.max(0, newer.length - limit));
    more = newer.length > limit;
  } else {
    const older = before === undefined ? window : window.filter((p) => p.endedAt < before);
    page = older.slice(0, limit);
    more = older.length > limit;
  }
  const newest = page[0];
  const oldest = page[page.length - 1];
  const link = (key: 'after' | 'before', value: number) => {
    const url = new URL(ctx.baseUrl);
    url.searchParams.set(key, String(value));
    url.searchParams.set('limit', String(limit));
    return url.toString();
  };
  const next =
    !more || !newest || !oldest
      ? null
      : after !== undefined
        ? link('after', newest.endedAt)
        : link('before', oldest.endedAt);
  const tracks = ctx.state.world.catalogue.tracks;
  return {
    href: ctx.selfUrl,
    items: page.map((p) => ({
      track: fullTrack(ctx.present, tracks.get(p.trackId) ?? [...tracks.values()][0]!),
      played_at: iso(p.endedAt),
      context: {
        type: 'album',
        href: `${ctx.present.apiBase}/albums/${p.contextAlbumId}`,
        external_urls: { spotify: `https://open.spotify.com/album/${p.contextAlbumId}` },
        uri: `spotify:album:${p.contextAlbumId}`,
      },
    })),
    limit,
    // The spec types `next` and `cursors` as non-nullable strings/objects, so "none" is
    // expressed by leaving them out (real Spotify sends null; clients must accept both).
    ...(next ? { next } : {}),
    ...(newest && oldest
      ? { cursors: { after: String(newest.endedAt), before: String(oldest.endedAt) } }
      : {}),
  };
}

export function registerMeRoutes(app: FastifyInstance, state: SimState): void {
  const { catalogue, library } = state.world;

  apiGet(app, state, '/me', { needsUser: true, scopes: ['user-read-private'] }, (ctx) =>
    privateUser(ctx.present, userOf(ctx)),
  );

  apiGet(
    app,
    state,
    '/me/player/recently-played',
    { needsUser: true, scopes: ['user-read-recently-played'] },
    recentlyPlayed,
  );

  apiGet(app, state, '/me/top/tracks', { needsUser: true, scopes: ['user-top-read'] }, (ctx) => {
    const ids = library.topTracks(userOf(ctx), timeRange(ctx.query), ctx.now);
    const page = slicePage(ids, ctx.query);
    const items = page.items.map((id) => fullTrack(ctx.present, catalogue.tracks.get(id)!));
    return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
  });

  apiGet(app, state, '/me/top/artists', { needsUser: true, scopes: ['user-top-read'] }, (ctx) => {
    const ids = library.topArtists(userOf(ctx), timeRange(ctx.query), ctx.now);
    const page = slicePage(ids, ctx.query);
    const items = page.items.map((id) => fullArtist(ctx.present, catalogue.artists.get(id)!));
    return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
  });

  apiGet(app, state, '/me/tracks', { needsUser: true, scopes: ['user-library-read'] }, (ctx) => {
    const page = slicePage(library.savedTracks(userOf(ctx), ctx.now), ctx.query);
    const items = page.items.map((s) => ({
      added_at: isoSeconds(s.addedAt),
      track: fullTrack(ctx.present, catalogue.tracks.get(s.id)!),
    }));
    return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
  });

  apiGet(app, state, '/me/albums', { needsUser: true, scopes: ['user-library-read'] }, (ctx) => {
    const page = slicePage(library.savedAlbums(userOf(ctx), ctx.now), ctx.query);
    const items = page.items.map((s) => ({
      added_at: isoSeconds(s.addedAt),
      album: fullAlbum(ctx.present, catalogue.albums.get(s.id)!),
    }));
    return paging(items, page.limit, page.offset, page.total, ctx.selfUrl);
  });

  apiGet(app, state, '/me/following', { needsUser: true, scopes: ['user-follow-read'] }, (ctx) => {
    if (ctx.query.type !== 'artist')
      throw new ApiError('bad_request', 'Invalid type, only artist is supported');
    const limit = limitParam(ctx.query);
    const all = library.followedArtists(userOf(ctx), ctx.now);
    const start = ctx.query.after === undefined ? 0 : all.indexOf(ctx.query.after) + 1;
    const items = all.slice(start, start + limit);
    const last = items[items.length - 1];
    const hasMore = start + limit < all.length;
    const next = new URL(ctx.baseUrl);
    next.searchParams.set('type', 'artist');
    if (last) next.searchParams.set('after', last);
    next.searchParams.set('limit', String(limit));
    return {
      artists: {
        href: ctx.selfUrl,
        items: items.map((id) => fullArtist(ctx.present, catalogue.artists.get(id)!)),
        limit,
        ...(hasMore && last ? { next: next.toString() } : {}),
        cursors: hasMore && last ? { after: last } : {},
        total: all.length,
      },
    };
  });
}
