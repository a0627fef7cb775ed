/** Splits a fetched batch into chunks of at most `maxRecords` records and about `maxBytes` bytes. */
export function chunkBy<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxRecords: number,
  maxBytes: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxRecords || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
