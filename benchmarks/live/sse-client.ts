import { request, type IncomingMessage } from 'node:http';

/** What the benchmark's client saw on the live stream, by play grain. */
export interface StreamObservations {
  /** When the first `top` update including the grain arrived (epoch ms, this process). */
  visibleAt: Map<string, number>;
  /** When the aggregator counted the grain (epoch ms, its process; same machine clock). */
  countedAt: Map<string, number>;
  updates: number;
}

/**
 * Follows a live stream with `plays=true` and notes, for every grain, when the server
 * counted it and when the first `top` update that includes it arrived here.
 */
export function followLiveStream(url: string): Promise<{
  observations: StreamObservations;
  close(): void;
}> {
  const observations: StreamObservations = {
    visibleAt: new Map(),
    countedAt: new Map(),
    updates: 0,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        reject(new Error(`live stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      let first = true;
      res.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const newline = block.indexOf('\n');
          if (!block.startsWith('event: ') || newline < 0) continue;
          const event = block.slice(7, newline);
          const data = JSON.parse(block.slice(newline + 7)) as {
            grain?: string;
            countedAt?: number;
            grains?: string[];
          };
          if (event === 'play') observations.countedAt.set(data.grain!, data.countedAt!);
          else if (event === 'top') {
            observations.updates++;
            for (const grain of data.grains ?? [])
              if (!observations.visibleAt.has(grain)) observations.visibleAt.set(grain, at);
            if (first) {
              first = false;
              resolve({ observations, close: () => res.destroy() });
            }
          }
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}
