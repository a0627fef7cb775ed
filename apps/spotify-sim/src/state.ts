/*
 * Everything one simulator instance knows, passed to the route modules so none of them
 * keeps module-level state (several simulators can run in one test process).
 */
import type { OAuthStore } from './accounts/oauth-store.ts';
import type { Profile } from './api/profile.ts';
import type { FaultBook } from './http/faults.ts';
import type { RateLimiter } from './http/rate-limit.ts';
import type { RequestLog } from './http/request-log.ts';
import type { SimClock } from './world/clock.ts';
import type { World } from './world/world.ts';

export interface SimState {
  world: World;
  clock: SimClock;
  oauth: OAuthStore;
  limiter: RateLimiter;
  faults: FaultBook;
  requests: RequestLog;
  profile: Profile;
  /** Per-request facts learned along the way (who the caller is, which fault applies). */
  perRequest: WeakMap<object, { receivedAt: number; userId?: string; truncate?: boolean }>;
}
