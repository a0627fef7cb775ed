import { defineModelQuality } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { playColumns, playExpectations } from './play-columns.ts';
import { importedPlays, playsSql } from './plays.ts';

const COLUMNS = playColumns('episode_id');

/*
 * Podcast plays come only from imported streaming history (recently-played lists no
 * episodes): the same SQL as plays, with the import's episode plays as its one input,
 * deduplicated on the grain (a play in two files is one row).
 */
export const episodePlays: TransformModel = {
  name: 'episode_plays',
  grain: {
    description: 'one row per play of a podcast episode by a user, when it ended',
    key: ['user_id', 'played_at', 'episode_id'],
  },
  columns: COLUMNS,
  partitionColumn: 'played_date',
  sql: playsSql([importedPlays('episode_id')], 'episode_plays', 'episode_id'),
  quality: defineModelQuality({
    model: 'episode_plays',
    expectations: playExpectations('episode_id', 'episodes'),
  }),
};
