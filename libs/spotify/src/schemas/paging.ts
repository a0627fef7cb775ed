import { z } from 'zod';

/** An offset page (`limit`/`offset`, `next` URL) of any item schema. */
export function pagingSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    href: z.string(),
    items: z.array(item),
    limit: z.number().int(),
    next: z.string().nullable(),
    offset: z.number().int(),
    previous: z.string().nullable(),
    total: z.number().int(),
  });
}

/*
 * The spec marks nothing of a cursor page as required; Spotify sends `next: null` and
 * `cursors: null` on the last page or an empty history, so both are nullable here.
 */
export const cursorsSchema = z.looseObject({
  after: z.string().nullable().optional(),
  before: z.string().nullable().optional(),
});

export function cursorPagingSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    href: z.string().optional(),
    items: z.array(item),
    limit: z.number().int().optional(),
    next: z.string().nullable().optional(),
    cursors: cursorsSchema.nullable().optional(),
    total: z.number().int().optional(),
  });
}

export interface OffsetPage<Item> {
  items: Item[];
  next: string | null;
  total: number;
  offset: number;
  limit: number;
}

export interface CursorPage<Item> {
  items: Item[];
  next?: string | null | undefined;
  cursors?: { after?: string | null | undefined; before?: string | null | undefined } | null;
  total?: number | undefined;
}
