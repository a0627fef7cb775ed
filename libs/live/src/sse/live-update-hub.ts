import type { ServerResponse } from 'node:http';
import type { LiveAggregator, LiveSnapshot } from '../core/live-aggregator.ts';
import type { LivePlay } from '../core/live-play.ts';
import { SSE_HEADERS, SSE_KEEP_ALIVE, sseEvent } from './sse-format.ts';

/** What one stream follows: a window, a list length, everyone or one user. */
export interface LiveStreamQuery {
  window: string;
  limit: number;
  userId?: string | undefined;
  /** Also send a `play` event per play taken in, and the grains each update includes. */
  plays?: boolean;
}

/** A `play` event: a play the aggregator took in, and when (for latency measurements). */
export interface PlayArrival {
  grain: string;
  userId: string;
  trackId: string;
  playedAt: string;
  /** When the aggregator counted it (epoch ms, server clock). */
  countedAt: number;
}

/** A `top` event: the window's snapshot, plus (with `plays`) the grains it is the first to include. */
export type TopUpdate = LiveSnapshot & { grains?: string[] };

export interface LiveUpdateHubOptions {
  /** At most one update per stream this often (ms). */
  intervalMs?: number;
  keepAliveMs?: number;
  /** Plays waiting for a slow client beyond this are dropped (the oldest first). */
  maxPendingPlays?: number;
}

interface Subscriber {
  res: ServerResponse;
  query: LiveStreamQuery;
  lastTop: string | undefined;
  /** Plays taken in, not sent as `play` events yet. */
  arrivals: PlayArrival[];
  /** Grains sent as `play` events, not in a `top` update yet. */
  grains: string[];
  congested: boolean;
}

/*
 * Why a tick and not a write per play: at 1,000 plays a second a browser cannot draw
 * 1,000 rankings a second, and a ranking is a snapshot (a newer one replaces the older
 * one). So each stream gets at most one `top` event per interval, only when its ranking
 * changed; a snapshot is computed once per tick for every stream asking the same.
 */
/**
 * Server-sent events of the live top-N: streams opened on Node responses (Fastify's
 * reply.raw, node:http), a `top` event at once and then at most every `intervalMs` when
 * it changed, a keep-alive comment when idle.
 */
export class LiveUpdateHub {
  private readonly aggregator: LiveAggregator;
  private readonly intervalMs: number;
  private readonly keepAliveMs: number;
  private readonly maxPendingPlays: number;
  private readonly subscribers = new Set<Subscriber>();
  private tickTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastVersion = -1;

  constructor(aggregator: LiveAggregator, options: LiveUpdateHubOptions = {}) {
    this.aggregator = aggregator;
    this.intervalMs = options.intervalMs ?? 150;
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
    this.maxPendingPlays = options.maxPendingPlays ?? 10_000;
  }

  get streams(): number {
    return this.subscribers.size;
  }

  /** Starts the stream on `res` (headers, first snapshot); it ends when the client goes. */
  open(res: ServerResponse, query: LiveStreamQuery): void {
    const subscriber: Subscriber = {
      res,
      query,
      lastTop: undefined,
      arrivals: [],
      grains: [],
      congested: false,
    };
    res.writeHead(200, SSE_HEADERS);
    res.on('close', () => this.remove(subscriber));
    res.on('drain', () => (subscriber.congested = false));
    this.subscribers.add(subscriber);
    this.startTimers();
    this.push(subscriber, new Map());
  }

  /** Ends every stream and stops the timers (server shutdown). */
  close(): void {
    for (const subscriber of [...this.subscribers]) {
      subscriber.res.end();
      this.remove(subscriber);
    }
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stopTimers();
  }

  private startTimers(): void {
    if (this.tickTimer) return;
    this.unsubscribe = this.aggregator.onPlay((play, grain) => this.arrived(play, grain));
    this.tickTimer = setInterval(() => this.tick(), this.intervalMs);
    this.keepAliveTimer = setInterval(() => {
      for (const s of this.subscribers) if (!s.congested) s.res.write(SSE_KEEP_ALIVE);
    }, this.keepAliveMs);
  }

  private stopTimers(): void {
    clearInterval(this.tickTimer);
    clearInterval(this.keepAliveTimer);
    this.tickTimer = this.keepAliveTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private arrived(play: LivePlay, grain: string): void {
    let arrival: PlayArrival | undefined;
    for (const s of this.subscribers) {
      if (!s.query.plays || (s.query.userId !== undefined && s.query.userId !== play.userId))
        continue;
      arrival ??= {
        grain,
        userId: play.userId,
        trackId: play.trackId,
        playedAt: new Date(play.playedAt).toISOString(),
        countedAt: Date.now(),
      };
      s.arrivals.push(arrival);
      if (s.arrivals.length > this.maxPendingPlays) s.arrivals.shift();
    }
  }

  private tick(): void {
    const version = this.aggregator.version;
    if (version === this.lastVersion) return;
    this.lastVersion = version;
    const snapshots = new Map<string, string>();
    for (const subscriber of this.subscribers) this.push(subscriber, snapshots);
  }

  /** Writes what changed for one stream: its new plays, then its ranking if it moved. */
  private push(subscriber: Subscriber, snapshots: Map<string, string>): void {
    if (subscriber.congested) return;
    const { query } = subscriber;
    const key = `${query.window}\n${query.limit}\n${query.userId ?? ''}`;
    let snapshot = snapshots.get(key);
    if (snapshot === undefined) {
      snapshot = JSON.stringify(
        this.aggregator.snapshot({
          window: query.window,
          limit: query.limit,
          userId: query.userId,
        }),
      );
      snapshots.set(key, snapshot);
    }
    let out = '';
    for (const arrival of subscriber.arrivals) {
      out += sseEvent('play', arrival);
      subscriber.grains.push(arrival.grain);
    }
    subscriber.arrivals = [];
    if (subscriber.grains.length > this.maxPendingPlays)
      subscriber.grains.splice(0, subscriber.grains.length - this.maxPendingPlays);
    if (snapshot !== subscriber.lastTop) {
      subscriber.lastTop = snapshot;
      // The snapshot is spliced in as text: computed once, shared by every stream like it.
      const grains = query.plays ? `,"grains":${JSON.stringify(subscriber.grains)}` : '';
      out += `event: top\ndata: ${snapshot.slice(0, -1)}${grains}}\n\n`;
      subscriber.grains = [];
    }
    if (out !== '' && !subscriber.res.write(out)) subscriber.congested = true;
  }
}
