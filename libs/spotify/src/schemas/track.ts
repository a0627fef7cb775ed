import { z } from 'zod';
import { simplifiedAlbumSchema } from './album.ts';
import { externalIdsSchema } from './common.ts';
import { trackBaseShape } from './simplified-track.ts';

/** A full track: a simplified track plus its album, ISRC (restored 2026-03) and type. */
export const trackSchema = z.looseObject({
  ...trackBaseShape,
  album: simplifiedAlbumSchema,
  external_ids: externalIdsSchema.optional(),
  // Removed from responses in 2026-02.
  popularity: z.number().int().optional(),
  type: z.literal('track'),
});

export type Track = z.infer<typeof trackSchema>;
