/**
 * Cuts items into chunks of at most `maxRecords` items and about `maxBytes` bytes, as
 * they are pulled: a lazy source (records encoded on demand) is read one chunk ahead.
 * An item larger than `maxBytes` makes a chunk of its own; no chunk is ever empty.
 */
export function* chunksOf<T>(
  items: Iterable<T>,
  sizeOf: (item: T) => number,
  maxRecords: number,
  maxBytes: number,
): Generator<T[]> {
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxRecords || bytes + size > maxBytes)) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) yield current;
}

/** Splits a fetched batch into chunks of at most `maxRecords` records and about `maxBytes` bytes. */
export function chunkBy<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxRecords: number,
  maxBytes: number,
): T[][] {
  return [...chunksOf(items, sizeOf, maxRecords, maxBytes)];
}
