import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from '@spotify-insights/logging';
import { connectedUserIds } from '@spotify-insights/warehouse';
import type { ResponseCache } from './response-cache.ts';

const RANGES = ['4w', '6m', 'year', 'all'];

/** What a dashboard asks first: each member's Wrapped per range, and the group's. */
export function warmUrls(members: string[]): string[] {
  const perUser = members.flatMap((id) => {
    const user = `/api/users/${encodeURIComponent(id)}`;
    return RANGES.flatMap((range) => [
      `${user}/overview?range=${range}`,
      `${user}/top/tracks?range=${range}`,
      `${user}/top/artists?range=${range}`,
      `${user}/top/albums?range=${range}`,
    ]);
  });
  const group = RANGES.flatMap((range) => [
    `/api/group?range=${range}`,
    `/api/group/compatibility?range=${range}`,
  ]);
  return [...perUser, ...group];
}

/*
 * Fills the response cache again after each load, so the first person to open a
 * dashboard after a transform run does not wait for an all-time query over a heavy
 * listener's plays. It checks the data version every `intervalMs`; on a new one it
 * requests the usual questions one at a time (one warehouse connection busy, not the
 * pool), through the app itself so the cache keys are the requests' own.
 */
export function startCacheWarmer(options: {
  app: FastifyInstance;
  cache: ResponseCache;
  owner: Knex;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  const { app, cache, owner, logger } = options;
  let running = false;
  let stopped = false;
  let warmedVersion: string | undefined;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await cache.refreshVersion();
      const version = cache.version;
      if (version === undefined || version === warmedVersion) return;
      warmedVersion = version;
      const urls = warmUrls(await connectedUserIds(owner));
      const started = performance.now();
      for (const url of urls) {
        if (stopped) return;
        const res = await app.inject({ url });
        if (res.statusCode >= 500)
          logger.warn('cache warm-up request failed', { url, status: res.statusCode });
      }
      logger.info('response cache warmed', {
        requests: urls.length,
        seconds: Math.round(performance.now() - started) / 1000,
      });
    } catch (error) {
      logger.warn('cache warm-up failed', { error });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5000);
  timer.unref();
  void tick();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
