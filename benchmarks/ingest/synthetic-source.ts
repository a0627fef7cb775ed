import type { CheckpointStore, ProducibleSource } from '@spotify-insights/ingestion';
import type { RecentPlay } from '@spotify-insights/schemas';
import { getSource } from '@spotify-insights/sources';

/**
 * The real recent-plays definition (name, endpoint, schema) whose fetch hands out records
 * built in memory instead of calling Spotify, so the benchmark measures our runtime and
 * Kafka, not the network or Spotify's rate limits.
 */
export function syntheticRecentPlaysSource(byUser: Map<string, RecentPlay[]>): ProducibleSource {
  return {
    ...getSource('recent-plays'),
    async fetch({ userId }) {
      const records = byUser.get(userId) ?? [];
      return { records, checkpoint: { after: records.at(-1)?.played_at } };
    },
  };
}

/** Checkpoints kept in a Map: the benchmark's runs are one-offs, nothing must survive them. */
export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #checkpoints = new Map<string, unknown>();

  async get<T>(source: string, userId: string): Promise<T | undefined> {
    return this.#checkpoints.get(`${source}/${userId}`) as T | undefined;
  }

  async set(source: string, userId: string, checkpoint: unknown): Promise<void> {
    this.#checkpoints.set(`${source}/${userId}`, checkpoint);
  }
}
