import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ALBUM_DIM,
  ALL_PLAYS,
  ARTIST_DIM,
  EPISODE_DIM,
  MUSIC_PLAYS,
  PLAYLIST_DIM,
  PODCAST_PLAYS,
  TRACK_ARTIST_NAMES,
  TRACK_CREDITS,
  TRACK_DIM,
} from './base-relations.ts';
import { TransformError } from '../transform-error.ts';
import { sharedTable, withRelations, type Relation, type SharedRelations } from './relations.ts';

/** The relations several aggregates read, dependencies first. */
export const SHARED_RELATIONS: readonly Relation[] = [
  TRACK_DIM,
  ARTIST_DIM,
  ALBUM_DIM,
  EPISODE_DIM,
  PLAYLIST_DIM,
  TRACK_CREDITS,
  TRACK_ARTIST_NAMES,
  MUSIC_PLAYS,
  PODCAST_PLAYS,
  ALL_PLAYS,
];

/**
 * Builds each shared relation once, as a temporary table on `conn` (replacing an
 * earlier build), each from the tables built before it; returns their names for the
 * aggregates' `withRelations`. A relation DuckDB refuses (a processed table missing)
 * fails with AGGREGATE_FAILED naming it.
 */
export async function buildSharedRelations(conn: DuckDBConnection): Promise<SharedRelations> {
  const built = new Set<string>();
  for (const relation of SHARED_RELATIONS) {
    const uses = relation.uses ?? [];
    const select =
      uses.length > 0 ? `${withRelations(uses, built)}\n${relation.sql}` : relation.sql;
    try {
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${sharedTable(relation.name)} AS ${select}`);
    } catch (error) {
      throw new TransformError(
        'AGGREGATE_FAILED',
        `presentation relation ${relation.name}: ${error instanceof Error ? error.message : String(error)}`,
        { relation: relation.name },
        error,
      );
    }
    built.add(relation.name);
  }
  return built;
}
