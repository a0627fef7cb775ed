/** A page of a ranked list: the rows asked for and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** Rows carrying `total` (count(*) over ()) into a Page; an empty page still knows nothing more. */
export function toPage<R extends { total: string | number }, T>(
  rows: R[],
  request: PageRequest,
  map: (row: R) => T,
): Page<T> {
  return {
    items: rows.map(map),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    limit: request.limit,
    offset: request.offset,
  };
}

export const minutesOf = (ms: string | number | null | undefined): number =>
  Math.round((Number(ms ?? 0) / 60_000) * 100) / 100;
