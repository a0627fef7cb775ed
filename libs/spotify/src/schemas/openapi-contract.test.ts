import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SPOTIFY_OPENAPI_FILE } from '../contract-file.ts';
import { OPERATIONS } from '../http/operations.ts';
import { playlistItemSchema } from './playlist.ts';
import { trackSchema } from './track.ts';

/*
 * Our zod schemas against the OpenAPI contract: every property the spec requires must be
 * required here too, unless listed below as deliberately optional; every property we
 * require beyond the spec is listed as deliberately stricter; and every property we
 * model exists in the spec (no invented names). Nested objects are followed through
 * $ref/allOf, arrays and nullables.
 */
const SPEC_FILE = SPOTIFY_OPENAPI_FILE;

/** Required by the spec, optional here: removed from responses or deprecated in 2026. */
const DELIBERATELY_OPTIONAL = new Set([
  'AlbumBase.available_markets', // removed 2026-02
  'AlbumObject.genres', // removed 2026-02
  'AlbumObject.popularity', // removed 2026-02
  'AlbumObject.label', // deprecated in the spec
  'ArtistDiscographyAlbumObject.album_group', // deprecated in the spec
]);

/** Optional in the spec, required here: nothing downstream works without them. */
const DELIBERATELY_STRICTER = new Set([
  'SimplifiedArtistObject.id',
  'SimplifiedArtistObject.name',
  'ArtistObject.id',
  'ArtistObject.name',
  'TrackObject.id',
  'TrackObject.name',
  'TrackObject.uri',
  'TrackObject.duration_ms',
  'TrackObject.artists',
  'TrackObject.album',
  'TrackObject.type',
  'SimplifiedTrackObject.id',
  'SimplifiedTrackObject.name',
  'SimplifiedTrackObject.uri',
  'SimplifiedTrackObject.duration_ms',
  'SimplifiedTrackObject.artists',
  'PlayHistoryObject.track',
  'PlayHistoryObject.played_at',
  'SavedTrackObject.added_at',
  'SavedTrackObject.track',
  'SavedAlbumObject.added_at',
  'SavedAlbumObject.album',
  'PlaylistTrackObject.item', // present but nullable: null for entries Spotify cannot resolve
  'SimplifiedPlaylistObject.id',
  'SimplifiedPlaylistObject.name',
  'SimplifiedPlaylistObject.owner',
  'PlaylistObject.id',
  'PlaylistObject.name',
  'PlaylistObject.owner',
  'PlaylistOwnerObject.id',
  'PlaylistUserObject.id',
  'PrivateUserObject.id',
  'ContextObject.type',
  'ContextObject.uri',
  'CopyrightObject.text',
  'CopyrightObject.type',
  'FollowersObject.total',
  'CursorPagingPlayHistoryObject.items',
  'CursorPagingSimplifiedArtistObject.items',
]);

type SpecSchema = {
  $ref?: string;
  allOf?: SpecSchema[];
  oneOf?: SpecSchema[];
  properties?: Record<string, SpecSchema>;
  required?: string[];
  items?: SpecSchema;
  type?: string;
  deprecated?: boolean;
};
type Spec = {
  paths: Record<
    string,
    Record<string, { deprecated?: boolean; responses: Record<string, SpecSchema> }>
  >;
  components: {
    schemas: Record<string, SpecSchema>;
    responses: Record<string, { content: Record<string, { schema: SpecSchema }> }>;
  };
};

const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
const refName = (ref: string) => ref.split('/').pop()!;

/** The named object a spec property points at, if any (directly or via allOf). */
function namedRef(schema: SpecSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return refName(schema.$ref);
  if (schema.allOf?.length === 1) return namedRef(schema.allOf[0]);
  return undefined;
}

/** Properties and required names of a named schema, with allOf parts merged (owner named). */
function flatten(name: string): {
  properties: Map<string, [string, SpecSchema]>;
  required: Map<string, string>;
} {
  const properties = new Map<string, [string, SpecSchema]>();
  const required = new Map<string, string>();
  const visit = (owner: string, schema: SpecSchema) => {
    if (schema.$ref)
      return visit(refName(schema.$ref), spec.components.schemas[refName(schema.$ref)]!);
    for (const part of schema.allOf ?? []) visit(part.$ref ? refName(part.$ref) : owner, part);
    for (const [prop, value] of Object.entries(schema.properties ?? {}))
      properties.set(prop, [owner, value]);
    for (const prop of schema.required ?? []) required.set(prop, owner);
  };
  visit(name, spec.components.schemas[name]!);
  return { properties, required };
}

/** Strips optional/nullable wrappers and arrays down to the object (or leaf) inside. */
function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return unwrap(schema.element as z.ZodType);
  return schema;
}

const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success;

function compare(name: string, ours: z.ZodType, problems: string[], seen: Set<string>): void {
  const key = `${name}`;
  if (seen.has(key)) return;
  seen.add(key);
  const object = unwrap(ours);
  if (!(object instanceof z.ZodObject)) {
    problems.push(`${name}: ours is not an object`);
    return;
  }
  const shape = object.shape as Record<string, z.ZodType>;
  const { properties, required } = flatten(name);
  for (const [prop, owner] of required) {
    const mine = shape[prop];
    const label = `${owner}.${prop}`;
    const deliberate =
      DELIBERATELY_OPTIONAL.has(label) || DELIBERATELY_OPTIONAL.has(`${name}.${prop}`);
    if (!mine) problems.push(`${name}.${prop}: required by the spec, missing here`);
    else if (isOptional(mine) && !deliberate)
      problems.push(
        `${name}.${prop}: required by the spec, optional here (not listed as deliberate)`,
      );
  }
  for (const [prop, mine] of Object.entries(shape)) {
    const entry = properties.get(prop);
    if (!entry) {
      problems.push(`${name}.${prop}: not a property in the spec`);
      continue;
    }
    if (!required.has(prop) && !isOptional(mine) && !DELIBERATELY_STRICTER.has(`${name}.${prop}`))
      problems.push(
        `${name}.${prop}: optional in the spec, required here (not listed as deliberate)`,
      );
    const [, specProp] = entry;
    const nested = namedRef(specProp) ?? namedRef(specProp.items);
    if (nested && flatten(nested).properties.size > 0 && !specProp.deprecated)
      compare(nested, mine, problems, seen);
  }
}

function responseSchemaOf(path: string): SpecSchema {
  const ok = spec.paths[path]!.get!.responses['200']!;
  const response = spec.components.responses[refName(ok.$ref!)]!;
  return response.content['application/json']!.schema;
}

describe('the OpenAPI contract', () => {
  it('has every operation we call, not deprecated', () => {
    for (const [name, operation] of Object.entries(OPERATIONS)) {
      const get = spec.paths[operation.path]?.[operation.method.toLowerCase()];
      expect(get, `${name}: ${operation.path}`).toBeDefined();
      expect(get?.deprecated ?? false, `${name} is deprecated`).toBe(false);
    }
  });

  it('agrees with our schemas on every object our operations answer with', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const operation of Object.values(OPERATIONS)) {
      const schema = responseSchemaOf(operation.path);
      const name = namedRef(schema);
      if (name) {
        compare(name, operation.schema, problems, seen);
        continue;
      }
      // Inline wrappers: `{ artists: CursorPaging… }` and the search result.
      const shape = (unwrap(operation.schema) as z.ZodObject).shape as Record<string, z.ZodType>;
      for (const [prop, value] of Object.entries(schema.properties ?? {})) {
        const mine = shape[prop];
        if (mine) compare(namedRef(value)!, mine, problems, seen);
        else if (schema.required?.includes(prop))
          problems.push(`${operation.path}: ${prop} missing`);
      }
    }
    // The playlist entry's `item` is a oneOf; its track branch is checked here.
    compare('PlaylistTrackObject', playlistItemSchema, problems, seen);
    compare('TrackObject', trackSchema, problems, seen);
    expect(problems).toEqual([]);
    // The walk reached every object the brief lists.
    for (const name of [
      'TrackObject',
      'SimplifiedArtistObject',
      'ArtistObject',
      'AlbumObject',
      'SimplifiedAlbumObject',
      'PlaylistObject',
      'SimplifiedPlaylistObject',
      'PlaylistTrackObject',
      'PlayHistoryObject',
      'SavedTrackObject',
      'SavedAlbumObject',
      'PrivateUserObject',
      'PagingSavedTrackObject',
      'CursorPagingPlayHistoryObject',
    ])
      expect(seen, name).toContain(name);
  });
});
