import { z } from 'zod';
import { externalUrlsSchema, followersSchema, imageSchema } from './common.ts';

/*
 * The spec requires no property of an artist; `id` and `name` are required here
 * because nothing downstream can use an artist without them.
 */
export const simplifiedArtistSchema = z.looseObject({
  external_urls: externalUrlsSchema.optional(),
  href: z.string().optional(),
  id: z.string(),
  name: z.string(),
  type: z.literal('artist').optional(),
  uri: z.string().optional(),
});

export const artistSchema = simplifiedArtistSchema.extend({
  images: z.array(imageSchema).optional(),
  // Removed from responses in 2026-02.
  followers: followersSchema.optional(),
  genres: z.array(z.string()).optional(),
  popularity: z.number().int().optional(),
});

export type SimplifiedArtist = z.infer<typeof simplifiedArtistSchema>;
export type Artist = z.infer<typeof artistSchema>;
