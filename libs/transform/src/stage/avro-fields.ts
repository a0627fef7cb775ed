import { ENVELOPE_FIELDS, readSchema, type TopicSourceName } from '@spotify-insights/schemas';
import { TransformError } from '../transform-error.ts';
import { listOf, struct, type DuckDbFields } from '../duckdb-types.ts';

/*
 * The typed `fields` of a raw line are the source's Avro record minus the envelope
 * (libs/ingestion writes them as JSON: logical types as their base numbers, so
 * timestamp-millis is epoch ms and date is days since 1970-01-01). Reading their types
 * from schemas/<source>.avsc keeps the staging columns explicit and in step with the
 * data contract: a field added to a schema is staged without touching this lib.
 */

type AvroType = string | AvroType[] | { [key: string]: unknown };

const PRIMITIVES: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  string: 'VARCHAR',
};

const unsupported = (source: string, type: unknown): TransformError =>
  new TransformError(
    'STAGING_FAILED',
    `schemas/${source}.avsc has a type the staging cannot map to DuckDB: ${JSON.stringify(type)}`,
    { source },
  );

/** DuckDB type of an Avro type; `named` remembers enums and records declared earlier. */
const duckDbType = (source: string, type: AvroType, named: Map<string, string>): string => {
  if (typeof type === 'string') {
    const known = PRIMITIVES[type] ?? named.get(type);
    if (known === undefined) throw unsupported(source, type);
    return known;
  }
  if (Array.isArray(type)) {
    // Only nullable unions: every DuckDB column is nullable already.
    const nonNull = type.filter((branch) => branch !== 'null');
    if (nonNull.length !== 1) throw unsupported(source, type);
    return duckDbType(source, nonNull[0] as AvroType, named);
  }
  const declare = (result: string): string => {
    if (typeof type['name'] === 'string') named.set(type['name'], result);
    return result;
  };
  switch (type['type']) {
    case 'enum':
      return declare('VARCHAR');
    case 'array':
      return listOf(duckDbType(source, type['items'] as AvroType, named));
    case 'map':
      return `MAP(VARCHAR, ${duckDbType(source, type['values'] as AvroType, named)})`;
    case 'record':
      return declare(struct(recordFields(source, type['fields'], named)));
    default:
      // A logical type (date, timestamp-millis, uuid) arrives as its base type.
      return duckDbType(source, type['type'] as AvroType, named);
  }
};

const recordFields = (
  source: string,
  fields: unknown,
  named: Map<string, string>,
): DuckDbFields => {
  if (!Array.isArray(fields)) throw unsupported(source, fields);
  return Object.fromEntries(
    (fields as Array<{ name: string; type: AvroType }>).map((field) => [
      field.name,
      duckDbType(source, field.type, named),
    ]),
  );
};

const ENVELOPE = new Set<string>(ENVELOPE_FIELDS);

/** The DuckDB STRUCT type of a source's `fields`: its Avro record minus the envelope. */
export const fieldsStructType = (source: TopicSourceName): string => {
  const schema = readSchema(source) as { fields?: unknown };
  const fields = recordFields(source, schema.fields, new Map());
  return struct(Object.fromEntries(Object.entries(fields).filter(([name]) => !ENVELOPE.has(name))));
};
