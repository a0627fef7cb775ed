#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from '@spotify-insights/config';
import { REPO_ROOT } from './stack/paths.ts';
import { demoCommand } from './commands/demo-command.ts';
import { importCommand } from './commands/import-command.ts';
import { replayCommand } from './commands/replay-command.ts';
import { runAllCommand } from './commands/run-all-command.ts';
import { stackCommand } from './commands/stack-command.ts';
import { transformCommand } from './commands/transform-command.ts';

const COMMANDS: Record<
  string,
  (argv: string[], config: ReturnType<typeof loadConfigOrExit>) => Promise<number>
> = {
  demo: demoCommand,
  import: importCommand,
  replay: replayCommand,
  'run-all': runAllCommand,
  stack: stackCommand,
  transform: transformCommand,
};

const [name, ...rest] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(`Usage: spotify-insights <${Object.keys(COMMANDS).join('|')}> ...\n`);
  process.exit(2);
}
// A .env at the repository root overrides defaults; variables already set win over it.
const dotenv = join(REPO_ROOT, '.env');
if (existsSync(dotenv)) process.loadEnvFile(dotenv);
const config = loadConfigOrExit();
try {
  process.exitCode = await command(rest, config);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
