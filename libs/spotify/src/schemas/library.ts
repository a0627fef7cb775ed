import { z } from 'zod';
import { albumSchema } from './album.ts';
import { contextSchema } from './common.ts';
import { trackSchema } from './track.ts';

/*
 * The spec requires nothing of these three; a play without its track and time, or a
 * saved item without its date, is useless to us, so those are required.
 */
export const playHistorySchema = z.looseObject({
  track: trackSchema,
  played_at: z.string(),
  context: contextSchema.nullable().optional(),
});

export const savedTrackSchema = z.looseObject({
  added_at: z.string(),
  track: trackSchema,
});

export const savedAlbumSchema = z.looseObject({
  added_at: z.string(),
  album: albumSchema,
});

export type PlayHistory = z.infer<typeof playHistorySchema>;
export type SavedTrack = z.infer<typeof savedTrackSchema>;
export type SavedAlbum = z.infer<typeof savedAlbumSchema>;
