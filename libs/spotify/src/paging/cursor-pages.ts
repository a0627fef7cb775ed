import type { CursorPage } from '../schemas/paging.ts';
import { DEFAULT_MAX_ITEMS, type CollectOptions, type ItemOf } from './offset-pages.ts';

/**
 * Follows cursor pages (`/me/player/recently-played`, `/me/following`). Spotify puts
 * the cursor into `next`; when it does not, `cursorUrl` builds the link from the
 * page's cursors (e.g. `after` = last artist id), or returns undefined to stop.
 */
export async function collectCursorPages<Page extends CursorPage<unknown>>(
  firstRequest: () => Promise<Page>,
  fetchNext: (nextUrl: string) => Promise<Page>,
  cursorUrl: (page: Page) => string | undefined,
  { maxItems = DEFAULT_MAX_ITEMS, stopAt }: CollectOptions<ItemOf<Page>> = {},
): Promise<ItemOf<Page>[]> {
  const collected: ItemOf<Page>[] = [];
  const seenLinks = new Set<string>();
  let page = await firstRequest();
  for (;;) {
    for (const item of page.items as ItemOf<Page>[]) {
      if (stopAt?.(item)) return collected;
      collected.push(item);
      if (collected.length >= maxItems) return collected;
    }
    if (page.items.length === 0) return collected;
    // When Spotify says how many there are, an extra request for an empty page is waste.
    if (typeof page.total === 'number' && collected.length >= page.total) return collected;
    const next = page.next ?? cursorUrl(page);
    // A server repeating a cursor would otherwise keep us paging the same items.
    if (!next || seenLinks.has(next)) return collected;
    seenLinks.add(next);
    page = await fetchNext(next);
  }
}
