import { ConfigError } from './config-error.ts';
import { loadConfig, type AppConfig } from './load-config.ts';

/** For entry points: print the configuration problems and stop with exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
