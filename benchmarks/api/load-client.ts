import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * A closed-loop load: `clients` loops, each sending its next request as soon as the last
 * one answered (so latency includes queueing behind the others), over keep-alive
 * connections. Each request takes the next path of `paths` in turn. Latencies of the
 * first `warmupSeconds` are dropped.
 */
export async function runLoad(options: {
  baseUrl: string;
  paths: string[];
  clients: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  const one = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${options.baseUrl}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

  const loop = async () => {
    while (performance.now() < end) {
      const path = options.paths[next++ % options.paths.length]!;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = (await one(path)) === 200;
      } catch {
        ok = false;
      }
      const t1 = performance.now();
      if (t0 >= measureFrom) {
        latencies.push(t1 - t0);
        if (!ok) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    seconds: options.seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
  };
}
