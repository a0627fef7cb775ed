import {
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  DuckDBTypeId,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { PgBinaryColumn } from '@spotify-insights/warehouse';

/*
 * DuckDB's result vectors as the binary COPY encoder's columns, read in place. The
 * node-api's public accessor (getItem) costs a validity test on BigInts per value, a
 * value object per timestamp and a UTF-8 decode per string (over 10 s for the text
 * columns of 1M plays); its vectors hold their data as typed arrays over DuckDB's memory,
 * and those are read here. The fields are the library's own (not in its typings), so
 * each is checked, and a vector without them falls back to getItem: a change of the
 * library makes this slower, not wrong. Text comes as codes into a dictionary the source
 * knows (`textColumn`): it casts its text to an ENUM of the batch's values and selects
 * the ENUM's codes (an ENUM vector would read its whole dictionary again every chunk).
 */

interface VectorInternals {
  items?: unknown;
  dataView?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/** The typed array each vector type keeps its values in (booleans: a DataView of bytes). */
const ITEMS: Partial<Record<DuckDBTypeId, abstract new (...args: never[]) => ArrayLike<unknown>>> =
  {
    [DuckDBTypeId.BIGINT]: BigInt64Array,
    [DuckDBTypeId.TIMESTAMP_TZ]: BigInt64Array,
    [DuckDBTypeId.INTEGER]: Int32Array,
    [DuckDBTypeId.DATE]: Int32Array,
    [DuckDBTypeId.SMALLINT]: Int16Array,
    // an ENUM's codes (enum_code)
    [DuckDBTypeId.UTINYINT]: Uint8Array,
    [DuckDBTypeId.USMALLINT]: Uint16Array,
    [DuckDBTypeId.UINTEGER]: Uint32Array,
  };

/** The validity bitmap as bytes, null when every row is valid, undefined when unknown. */
function validityBytes(internals: VectorInternals, rows: number): Uint8Array | null | undefined {
  const validity = internals.validity;
  if (!validity || validity.offset !== 0) return undefined;
  if (validity.data === null) return null;
  if (!(validity.data instanceof BigUint64Array) || validity.data.length * 64 < rows)
    return undefined;
  return new Uint8Array(validity.data.buffer, validity.data.byteOffset, validity.data.byteLength);
}

function inPlace(vector: DuckDBVector, rows: number): PgBinaryColumn | undefined {
  const internals = vector as unknown as VectorInternals;
  const validity = validityBytes(internals, rows);
  if (validity === undefined) return undefined;
  const { items, dataView } = internals;
  const typeId = vector.type.typeId;
  if (typeId === DuckDBTypeId.BOOLEAN) {
    if (!(dataView instanceof DataView) || dataView.byteLength < rows) return undefined;
    const bytes = new Uint8Array(dataView.buffer, dataView.byteOffset, dataView.byteLength);
    return { values: bytes, validity };
  }
  const itemsType = ITEMS[typeId];
  if (!itemsType || !(items instanceof itemsType) || items.length < rows) return undefined;
  return { values: items, validity };
}

/** getItem's value as the encoder takes it (timestamps in microseconds, dates in days). */
function plainValue(value: unknown): unknown {
  if (value instanceof DuckDBTimestampTZValue) return value.micros;
  if (value instanceof DuckDBDateValue) return value.days;
  return value;
}

/** A vector of codes into `dictionary` (enum_code of an ENUM of its values) as a text column. */
export function textColumn(
  vector: DuckDBVector,
  rows: number,
  dictionary: readonly string[],
): PgBinaryColumn {
  return { ...binaryColumn(vector, rows), dictionary };
}

/** A vector's values as an encoder column (the values getItem gives, NULLs as null). */
export function binaryColumn(vector: DuckDBVector, rows: number): PgBinaryColumn {
  const column = inPlace(vector, rows);
  if (column) return column;
  const values = new Array<unknown>(rows);
  for (let row = 0; row < rows; row++) values[row] = plainValue(vector.getItem(row));
  return { values };
}
