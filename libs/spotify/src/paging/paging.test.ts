import { describe, expect, it } from 'vitest';
import { collectCursorPages } from './cursor-pages.ts';
import { collectOffsetPages } from './offset-pages.ts';

function offsetPages(total: number, size: number) {
  const pageAt = (offset: number) => ({
    items: Array.from({ length: Math.min(size, total - offset) }, (_, i) => offset + i),
    next: offset + size < total ? `next?offset=${offset + size}` : null,
    total,
    offset,
    limit: size,
  });
  const requested: string[] = [];
  return {
    first: async () => pageAt(0),
    next: async (url: string) => {
      requested.push(url);
      return pageAt(Number(url.split('=')[1]));
    },
    requested,
  };
}

describe('collectOffsetPages', () => {
  it('follows next links to the end', async () => {
    const pages = offsetPages(125, 50);
    const items = await collectOffsetPages(pages.first, pages.next);
    expect(items).toEqual(Array.from({ length: 125 }, (_, i) => i));
    expect(pages.requested).toEqual(['next?offset=50', 'next?offset=100']);
  });

  it('stops at maxItems without fetching further pages', async () => {
    const pages = offsetPages(125, 50);
    expect(await collectOffsetPages(pages.first, pages.next, { maxItems: 60 })).toHaveLength(60);
    expect(pages.requested).toEqual(['next?offset=50']);
  });

  it('stops where stopAt says', async () => {
    const pages = offsetPages(125, 50);
    expect(
      await collectOffsetPages(pages.first, pages.next, { stopAt: (n) => n >= 30 }),
    ).toHaveLength(30);
    expect(pages.requested).toEqual([]);
  });
});

describe('collectCursorPages', () => {
  it('follows cursors built from the page when there is no next link, until a page is empty', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const pageAfter = (after: string | undefined) => {
      const start = after ? all.indexOf(after) + 1 : 0;
      const items = all.slice(start, start + 2);
      return { items, next: null, cursors: { after: items.at(-1) ?? null } };
    };
    const items = await collectCursorPages(
      async () => pageAfter(undefined),
      async (url) => pageAfter(url.split('after=')[1]),
      (page) => (page.cursors.after ? `x?after=${page.cursors.after}` : undefined),
    );
    expect(items).toEqual(all);
  });

  it('does not loop on a repeated cursor', async () => {
    const page = { items: [1], next: 'same', cursors: null };
    const items = await collectCursorPages(
      async () => page,
      async () => page,
      () => undefined,
    );
    expect(items).toEqual([1, 1]);
  });
});
