import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@spotify-insights/config';
import { servicePaths } from '../../../src/stack/paths.ts';
import { runningPid, stopProcess } from '../../../src/stack/processes.ts';
import type { ServiceContext } from '../../../src/stack/service.ts';
import { kafkaService } from '../../../src/stack/services/kafka.ts';
import { waitUntil } from '../../../src/stack/wait.ts';
import { freePort } from './free-port.ts';

/**
 * A second Kafka broker that a test may stop and restart at will, because the shared
 * stack's broker must never go down under other people's tests. It is the stack's own
 * Kafka service (same jars, same server.properties) given other ports and a temporary
 * folder for its data, log, pid and configuration.
 */
export interface DedicatedKafkaBroker {
  /** The app configuration with KAFKA_BROKERS pointing at this broker. */
  config: AppConfig;
  /** Folder holding the broker's data, log and pid; removed by `remove()`. */
  dir: string;
  /** Starts the broker on its data folder (formatted on the first start) and waits until healthy. */
  start(): Promise<void>;
  /** SIGTERM: a controlled shutdown. SIGKILL: the process dies on the spot. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Stops it if running and deletes its folder. */
  remove(): Promise<void>;
}

export async function createDedicatedKafkaBroker(): Promise<DedicatedKafkaBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'spotify-insights-kafka-'));
  const config = loadConfig({
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_BROKERS: `127.0.0.1:${port}`,
  });
  const ctx: ServiceContext = {
    config,
    paths: {
      // The shared stack's downloaded jars; everything written goes to the temp folder.
      cache: servicePaths(kafkaService.name).cache,
      data: join(dir, 'data'),
      log: join(dir, 'kafka.log'),
      pid: join(dir, 'kafka.pid'),
      config: join(dir, 'run'),
    },
    progress: () => undefined,
  };

  const stop = async (signal: 'SIGTERM' | 'SIGKILL') => {
    await stopProcess(ctx.paths.pid, signal, 60_000);
  };
  return {
    config,
    dir,
    async start() {
      await kafkaService.install(ctx);
      await kafkaService.start(ctx);
      await waitUntil('dedicated Kafka broker', () => kafkaService.isHealthy(ctx), {
        timeoutMs: kafkaService.startTimeoutMs,
        stillRunning: () => runningPid(ctx.paths.pid) !== undefined,
        logFile: ctx.paths.log,
      });
    },
    stop,
    async remove() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
