import { rmSync } from 'node:fs';
import type { AppConfig } from '@spotify-insights/config';
import { servicePaths } from './paths.ts';
import { runningPid, stopProcess } from './processes.ts';
import type { ServiceContext, StackService } from './service.ts';
import { isPortOpen, waitUntil } from './wait.ts';

export type ServiceState = 'healthy' | 'unhealthy' | 'stopped';

export interface ServiceStatus {
  name: string;
  description: string;
  state: ServiceState;
  pid: number | undefined;
  ports: number[];
}

export type Reporter = (service: string, message: string) => void;

export class Stack {
  private readonly services: readonly StackService[];
  private readonly config: AppConfig;
  private readonly report: Reporter;
  private readonly byName: Map<string, StackService>;

  constructor(services: readonly StackService[], config: AppConfig, report: Reporter) {
    this.services = services;
    this.config = config;
    this.report = report;
    this.byName = new Map(services.map((s) => [s.name, s]));
  }

  private context(service: StackService): ServiceContext {
    return {
      config: this.config,
      paths: servicePaths(service.name),
      progress: (message) => this.report(service.name, message),
    };
  }

  select(names: readonly string[]): StackService[] {
    if (names.length === 0) return [...this.services];
    return names.map((name) => {
      const service = this.byName.get(name);
      if (!service)
        throw new Error(`unknown service "${name}"; known: ${[...this.byName.keys()].join(', ')}`);
      return service;
    });
  }

  /**
   * Installs every service in parallel (downloads and builds are the slow, cold part),
   * then starts each one as soon as the services it depends on are healthy.
   * Running `up` on a running stack changes nothing.
   */
  async up(names: readonly string[] = []): Promise<void> {
    const wanted = this.withDependencies(this.select(names));
    if (this.config.stack.mode === 'external') {
      await Promise.all(wanted.map((s) => this.awaitExternal(s)));
      return;
    }
    await Promise.all(wanted.map((s) => this.install(s)));
    const started = new Map<string, Promise<void>>();
    const startOne = (service: StackService): Promise<void> => {
      let promise = started.get(service.name);
      if (!promise) {
        promise = Promise.all(service.dependsOn.map((d) => startOne(this.byName.get(d)!))).then(
          () => this.startService(service),
        );
        started.set(service.name, promise);
      }
      return promise;
    };
    await Promise.all(wanted.map(startOne));
  }

  /** Installs with a heartbeat line every 30 s, so a cold first run never looks stuck. */
  private async install(service: StackService): Promise<void> {
    const ctx = this.context(service);
    const began = Date.now();
    const ticker = setInterval(() => {
      const seconds = Math.round((Date.now() - began) / 1000);
      ctx.progress(
        `still installing… ${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`,
      );
    }, 30_000);
    try {
      await service.install(ctx);
    } finally {
      clearInterval(ticker);
    }
  }

  /** STACK_MODE=external: someone else runs the service; wait for it and do our setup. */
  private async awaitExternal(service: StackService): Promise<void> {
    const ctx = this.context(service);
    await waitUntil(`${service.name} (external)`, () => service.isHealthy(ctx), {
      timeoutMs: service.startTimeoutMs,
    });
    await service.afterStart?.(ctx);
    ctx.progress('reachable');
  }

  private withDependencies(services: StackService[]): StackService[] {
    const result = new Map<string, StackService>();
    const add = (service: StackService) => {
      for (const dep of service.dependsOn) add(this.byName.get(dep)!);
      result.set(service.name, service);
    };
    services.forEach(add);
    return [...result.values()];
  }

  private async startService(service: StackService): Promise<void> {
    const ctx = this.context(service);
    const existing = runningPid(ctx.paths.pid);
    if (existing === undefined) {
      for (const port of service.ports(this.config)) {
        if (await isPortOpen(this.config.stack.host, port)) {
          throw new Error(
            `${service.name}: port ${port} is already used by another program; stop it or choose another port (see .env.example)`,
          );
        }
      }
      ctx.progress('starting');
    } else if (await service.isHealthy(ctx)) {
      ctx.progress(`already running (pid ${existing})`);
      await service.afterStart?.(ctx);
      return;
    }
    const pid = existing ?? (await service.start(ctx));
    const started = Date.now();
    await waitUntil(service.name, () => service.isHealthy(ctx), {
      timeoutMs: service.startTimeoutMs,
      stillRunning: () => runningPid(ctx.paths.pid) !== undefined,
      logFile: ctx.paths.log,
    });
    await service.afterStart?.(ctx);
    ctx.progress(`healthy in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid})`);
  }

  /** Stops in reverse dependency order so no server loses its storage while running. */
  async down(names: readonly string[] = [], options: { reset?: boolean } = {}): Promise<void> {
    const order = this.withDependencies(this.select(names)).reverse();
    const chosen = new Set(this.select(names).map((s) => s.name));
    for (const service of order) {
      if (!chosen.has(service.name)) continue;
      const ctx = this.context(service);
      const outcome = await stopProcess(ctx.paths.pid, service.stopSignal, 30_000);
      ctx.progress(outcome === 'not-running' ? 'not running' : outcome);
      if (options.reset) {
        rmSync(ctx.paths.data, { recursive: true, force: true });
        ctx.progress('data removed');
      }
    }
  }

  async status(names: readonly string[] = []): Promise<ServiceStatus[]> {
    return Promise.all(
      this.select(names).map(async (service) => {
        const ctx = this.context(service);
        const pid = runningPid(ctx.paths.pid);
        let state: ServiceState = 'stopped';
        if (pid !== undefined) state = (await service.isHealthy(ctx)) ? 'healthy' : 'unhealthy';
        return {
          name: service.name,
          description: service.describe(this.config),
          state,
          pid,
          ports: service.ports(this.config),
        };
      }),
    );
  }
}
