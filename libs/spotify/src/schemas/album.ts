import { z } from 'zod';
import { simplifiedArtistSchema } from './artist.ts';
import { copyrightSchema, externalIdsSchema, externalUrlsSchema, imageSchema } from './common.ts';
import { pagingSchema } from './paging.ts';
import { simplifiedTrackSchema } from './simplified-track.ts';

const albumBaseShape = {
  album_type: z.enum(['album', 'single', 'compilation']),
  total_tracks: z.number().int(),
  // Required by the spec but removed from responses in 2026-02: optional on purpose.
  available_markets: z.array(z.string()).optional(),
  external_urls: externalUrlsSchema,
  href: z.string(),
  id: z.string(),
  images: z.array(imageSchema),
  name: z.string(),
  release_date: z.string(),
  release_date_precision: z.enum(['year', 'month', 'day']),
  restrictions: z.looseObject({ reason: z.string().optional() }).optional(),
  type: z.literal('album'),
  uri: z.string(),
  artists: z.array(simplifiedArtistSchema),
};

export const simplifiedAlbumSchema = z.looseObject(albumBaseShape);

/** Albums in `/artists/{id}/albums` also say how they relate to that artist. */
export const artistDiscographyAlbumSchema = z.looseObject({
  ...albumBaseShape,
  // Required by the spec but deprecated there: optional so its removal breaks nothing.
  album_group: z.enum(['album', 'single', 'compilation', 'appears_on']).optional(),
});

export const albumSchema = z.looseObject({
  ...albumBaseShape,
  tracks: pagingSchema(simplifiedTrackSchema),
  copyrights: z.array(copyrightSchema),
  external_ids: externalIdsSchema,
  // Required by the spec but removed (genres, popularity) or deprecated (label) in 2026.
  genres: z.array(z.string()).optional(),
  label: z.string().optional(),
  popularity: z.number().int().optional(),
});

export type SimplifiedAlbum = z.infer<typeof simplifiedAlbumSchema>;
export type ArtistDiscographyAlbum = z.infer<typeof artistDiscographyAlbumSchema>;
export type Album = z.infer<typeof albumSchema>;
