import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppConfig } from '@spotify-insights/config';
import { servicePaths } from '../stack/paths.ts';
import { STACK_SERVICES } from '../stack/services/index.ts';
import { Stack } from '../stack/stack.ts';

const USAGE = `Usage: stack <up|down|status|logs> [service...] [options]

  up [service...]          install (cached) and start the services, wait until healthy
  down [service...]        stop them cleanly; --reset also deletes their data
  status [service...]      show each service's state; exit code 1 if any is not healthy
  logs [service...]        print the last lines of each service's log (--lines N)

Services: ${STACK_SERVICES.map((s) => s.name).join(', ')}`;

function reporter(service: string, message: string): void {
  process.stderr.write(`[stack] ${service.padEnd(15)} ${message}\n`);
}

function printEndpoints(config: AppConfig): void {
  for (const service of STACK_SERVICES) {
    for (const endpoint of service.endpoints(config)) {
      process.stdout.write(`  ${`${service.name} ${endpoint.label}`.padEnd(28)} ${endpoint.url}\n`);
    }
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no log yet)\n';
  const content = readFileSync(file, 'utf8').split('\n');
  return `${content.slice(-lines - 1).join('\n')}\n`;
}

export async function stackCommand(argv: string[], config: AppConfig): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reset: { type: 'boolean', default: false },
      lines: { type: 'string', default: '40' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [action, ...names] = positionals;
  if (values.help || !action) {
    process.stdout.write(`${USAGE}\n`);
    return action || values.help ? 0 : 2;
  }
  const stack = new Stack(STACK_SERVICES, config, reporter);

  switch (action) {
    case 'up':
      await stack.up(names);
      process.stdout.write('Local stack is up:\n');
      printEndpoints(config);
      return 0;
    case 'down':
      await stack.down(names, { reset: values.reset });
      return 0;
    case 'status': {
      const statuses = await stack.status(names);
      for (const s of statuses) {
        process.stdout.write(
          `${s.name.padEnd(16)} ${s.state.padEnd(10)} ${(s.pid === undefined ? '-' : `pid ${s.pid}`).padEnd(12)} ports ${s.ports.join(',').padEnd(11)} ${s.description}\n`,
        );
      }
      return statuses.every((s) => s.state === 'healthy') ? 0 : 1;
    }
    case 'logs':
      for (const service of stack.select(names)) {
        const log = servicePaths(service.name).log;
        process.stdout.write(`==> ${log} <==\n${tail(log, Number(values.lines))}`);
      }
      return 0;
    default:
      process.stderr.write(`unknown action "${action}"\n${USAGE}\n`);
      return 2;
  }
}
