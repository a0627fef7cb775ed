import type { OffsetPage } from '../schemas/paging.ts';

export interface CollectOptions<Item> {
  /** Stop once this many items are collected (the rest of the last page is dropped). */
  maxItems?: number;
  /**
   * Stop after the page where this returns true for an item (that item and the ones
   * after it are dropped). For lists sorted newest first, e.g. "added before `since`".
   */
  stopAt?: (item: Item) => boolean;
}

export type ItemOf<Page extends { items: unknown[] }> = Page['items'][number];

export const DEFAULT_MAX_ITEMS = 10_000;

/**
 * Follows `next` links from a first page until the list ends or a limit is reached.
 * `fetchNext` must refuse links outside the API (the client's does).
 */
export async function collectOffsetPages<Page extends OffsetPage<unknown>>(
  firstRequest: () => Promise<Page>,
  fetchNext: (nextUrl: string) => Promise<Page>,
  { maxItems = DEFAULT_MAX_ITEMS, stopAt }: CollectOptions<ItemOf<Page>> = {},
): Promise<ItemOf<Page>[]> {
  const collected: ItemOf<Page>[] = [];
  let page = await firstRequest();
  for (;;) {
    for (const item of page.items as ItemOf<Page>[]) {
      if (stopAt?.(item)) return collected;
      collected.push(item);
      if (collected.length >= maxItems) return collected;
    }
    // An empty page with a next link would loop forever on a misbehaving server.
    if (!page.next || page.items.length === 0) return collected;
    page = await fetchNext(page.next);
  }
}
