import { MinHeap } from './min-heap.ts';
import { RankedCounter } from './ranked-counter.ts';

/** What a window keeps of a play: enough to count it down again when it leaves. */
export interface WindowEntry {
  playedAt: number;
  songKey: string;
  artistKeys: readonly string[];
}

/** Song and artist counts of every play counted, never evicted. */
export class AllTimeCounts {
  readonly songs = new RankedCounter();
  readonly artists = new RankedCounter();
  plays = 0;

  add(entry: WindowEntry): void {
    this.plays++;
    this.songs.increment(entry.songKey);
    for (const artist of entry.artistKeys) this.artists.increment(artist);
  }
}

/**
 * Counts of the plays whose event time lies in (watermark - length, watermark]. Plays
 * are kept in a min-heap by event time, so sliding forward evicts the oldest first
 * however late each one arrived; every play is counted up once and down once.
 */
export class SlidingWindowCounts {
  readonly lengthMs: number;
  readonly songs = new RankedCounter();
  readonly artists = new RankedCounter();
  private readonly entries = new MinHeap<WindowEntry>((e) => e.playedAt);

  constructor(lengthMs: number) {
    this.lengthMs = lengthMs;
  }

  /** Plays in the window now. */
  get plays(): number {
    return this.entries.size;
  }

  /** Counts the play if it is inside the window ending at `watermark`; a play already out of it is not. */
  add(entry: WindowEntry, watermark: number): boolean {
    if (entry.playedAt <= watermark - this.lengthMs) return false;
    this.entries.push(entry);
    this.songs.increment(entry.songKey);
    for (const artist of entry.artistKeys) this.artists.increment(artist);
    return true;
  }

  /** Moves the window's end to `watermark`, counting down the plays that fell out. Returns how many. */
  slideTo(watermark: number): number {
    const oldestKept = watermark - this.lengthMs;
    let evicted = 0;
    for (let oldest = this.entries.peek(); oldest && oldest.playedAt <= oldestKept;) {
      this.entries.pop();
      this.songs.decrement(oldest.songKey);
      for (const artist of oldest.artistKeys) this.artists.decrement(artist);
      evicted++;
      oldest = this.entries.peek();
    }
    return evicted;
  }
}
