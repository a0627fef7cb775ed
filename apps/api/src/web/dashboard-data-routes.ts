import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { errorResponse } from '../params/schemas.ts';

/*
 * Two small reads only the dashboard needs: who is in the warehouse (the user picker)
 * and the facts the warehouse has about a handful of tracks (the top-10 page's chart,
 * since audio features are gone for apps created after 27 Nov 2024). Parameterised SQL
 * as bi_reader.
 */

export const AUDIO_FEATURES_NOTE =
  'Audio features (danceability, energy, valence, tempo…) are not available: Spotify removed GET /audio-features for apps created after 27 November 2024, so this app cannot read them. Shown instead: the track facts the warehouse has.';

const MAX_TRACK_IDS = 50;

interface TrackFactsRow {
  spotify_track_id: string;
  track_name: string;
  duration_ms: number | null;
  explicit: boolean | null;
  popularity: number | null;
  release_year: number | null;
}

export function registerDashboardDataRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/dashboard/users',
    {
      schema: {
        tags: ['user'],
        summary: 'Every listener in the warehouse (id, display name, time zone), for pickers',
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    userId: { type: 'string' },
                    displayName: { type: ['string', 'null'] },
                    timeZone: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const rows = (await deps
        .reader('warehouse.dim_user')
        .orderBy('spotify_user_id')
        .select('spotify_user_id', 'display_name', 'time_zone')) as {
        spotify_user_id: string;
        display_name: string | null;
        time_zone: string;
      }[];
      return {
        items: rows.map((r) => ({
          userId: r.spotify_user_id,
          displayName: r.display_name,
          timeZone: r.time_zone,
        })),
      };
    },
  );

  app.get<{ Querystring: { ids: string } }>(
    '/api/dashboard/track-facts',
    {
      schema: {
        tags: ['user'],
        summary:
          'What the warehouse knows about up to 50 tracks: duration, explicit, popularity, release year. Audio features are always null (see audioFeaturesNote).',
        querystring: {
          type: 'object',
          required: ['ids'],
          additionalProperties: false,
          properties: {
            ids: {
              type: 'string',
              minLength: 1,
              maxLength: 50 * 130,
              description: 'comma-separated Spotify track ids',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              audioFeaturesAvailable: { type: 'boolean' },
              audioFeaturesNote: { type: 'string' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    spotifyTrackId: { type: 'string' },
                    trackName: { type: 'string' },
                    durationMs: { type: ['integer', 'null'] },
                    explicit: { type: ['boolean', 'null'] },
                    popularity: { type: ['integer', 'null'] },
                    releaseYear: { type: ['integer', 'null'] },
                  },
                },
              },
            },
          },
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const ids = [...new Set(request.query.ids.split(',').filter(Boolean))].slice(
        0,
        MAX_TRACK_IDS,
      );
      const rows = (await deps
        .reader('warehouse.dim_track as t')
        .leftJoin('warehouse.dim_album as a', 'a.album_key', 't.album_key')
        .whereIn('t.spotify_track_id', ids)
        .select(
          't.spotify_track_id',
          't.track_name',
          't.duration_ms',
          't.explicit',
          't.popularity',
          'a.release_year',
        )) as TrackFactsRow[];
      const byId = new Map(rows.map((r) => [r.spotify_track_id, r]));
      return {
        audioFeaturesAvailable: false,
        audioFeaturesNote: AUDIO_FEATURES_NOTE,
        items: ids.flatMap((id) => {
          const r = byId.get(id);
          return r
            ? [
                {
                  spotifyTrackId: r.spotify_track_id,
                  trackName: r.track_name,
                  durationMs: r.duration_ms,
                  explicit: r.explicit,
                  popularity: r.popularity,
                  releaseYear: r.release_year,
                },
              ]
            : [];
        }),
      };
    },
  );
}
