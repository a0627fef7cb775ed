export { createLogger, redact, type LogFields, type Logger, type LogLevel } from './logger.ts';
