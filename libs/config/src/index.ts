export { ConfigError, type ConfigProblem } from './config-error.ts';
export { loadConfig, type AppConfig } from './load-config.ts';
export { loadConfigOrExit } from './load-config-or-exit.ts';
