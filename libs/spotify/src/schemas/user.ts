import { z } from 'zod';
import { externalUrlsSchema, followersSchema, imageSchema } from './common.ts';

/**
 * `GET /me`. Email, country and product were removed in 2026-02 (followers and
 * explicit_content too): optional, so old and new responses both pass.
 */
export const privateUserSchema = z.looseObject({
  account_id: z.string().optional(),
  country: z.string().optional(),
  display_name: z.string().nullable().optional(),
  email: z.string().optional(),
  explicit_content: z.looseObject({}).optional(),
  external_urls: externalUrlsSchema.optional(),
  followers: followersSchema.optional(),
  href: z.string().optional(),
  id: z.string(),
  images: z.array(imageSchema).optional(),
  product: z.string().optional(),
  type: z.string().optional(),
  uri: z.string().optional(),
});

export type PrivateUser = z.infer<typeof privateUserSchema>;
