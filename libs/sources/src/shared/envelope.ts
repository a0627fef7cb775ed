import type { Operation } from '@spotify-insights/spotify';

/** The fields every source record starts with (the data contract's envelope, minus item_json). */
export interface Envelope {
  user_id: string;
  fetched_at: number;
  endpoint: string;
  run_id: string;
}

export interface EnvelopeInput {
  userId: string;
  runId: string;
  now: Date;
}

export function envelope(ctx: EnvelopeInput, endpoint: string): Envelope {
  return {
    user_id: ctx.userId,
    fetched_at: ctx.now.getTime(),
    endpoint,
    run_id: ctx.runId,
  };
}

/**
 * The item exactly as the client returned it. The client's schemas are loose, so fields
 * we do not map (or that Spotify adds later) survive here for reprocessing.
 */
export function itemJson(item: unknown): string {
  return JSON.stringify(item);
}

/** Same spelling as the client's own endpoint labels in errors and logs. */
export function endpointOf(operation: Pick<Operation, 'method' | 'path'>): string {
  return `${operation.method} ${operation.path}`;
}
