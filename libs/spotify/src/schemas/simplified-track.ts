import { z } from 'zod';
import { simplifiedArtistSchema } from './artist.ts';
import { externalUrlsSchema } from './common.ts';

/*
 * The spec requires no property of a track; the ones required here are those every
 * consumer needs (identity, duration, artists). Removed or deprecated fields
 * (available_markets, preview_url, linked_from) are optional.
 */
export const trackBaseShape = {
  artists: z.array(simplifiedArtistSchema),
  available_markets: z.array(z.string()).optional(),
  disc_number: z.number().int().optional(),
  duration_ms: z.number().int(),
  explicit: z.boolean().optional(),
  external_urls: externalUrlsSchema.optional(),
  href: z.string().optional(),
  id: z.string(),
  is_playable: z.boolean().optional(),
  linked_from: z.looseObject({ id: z.string().optional() }).optional(),
  restrictions: z.looseObject({ reason: z.string().optional() }).optional(),
  name: z.string(),
  preview_url: z.string().nullable().optional(),
  track_number: z.number().int().optional(),
  uri: z.string(),
  is_local: z.boolean().optional(),
};

/** A track inside an album's track list (no album, no ISRC). */
export const simplifiedTrackSchema = z.looseObject({
  ...trackBaseShape,
  type: z.string().optional(),
});

export type SimplifiedTrack = z.infer<typeof simplifiedTrackSchema>;
