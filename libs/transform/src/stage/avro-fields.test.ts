import { describe, expect, it } from 'vitest';
import { fieldsStructType } from './avro-fields.ts';

describe('fieldsStructType', () => {
  it("maps a source's Avro record, minus the envelope, to a DuckDB STRUCT", () => {
    expect(fieldsStructType('recent-plays')).toBe(
      'STRUCT("played_at" BIGINT, "track_id" VARCHAR, "track_name" VARCHAR, "duration_ms" INTEGER, ' +
        '"isrc" VARCHAR, "album_id" VARCHAR, "artist_ids" VARCHAR[], "context_type" VARCHAR, ' +
        '"context_uri" VARCHAR)',
    );
  });

  it('reads enums as text, dates as days (INTEGER) and nullable unions as their type', () => {
    const topArtists = fieldsStructType('top-artists');
    expect(topArtists).toContain('"time_range" VARCHAR');
    expect(topArtists).toContain('"snapshot_date" INTEGER');
    expect(topArtists).toContain('"genres" VARCHAR[]');
    expect(topArtists).toContain('"followers" INTEGER');
    expect(topArtists).not.toContain('item_json');
    expect(topArtists).not.toContain('user_id');
  });
});
