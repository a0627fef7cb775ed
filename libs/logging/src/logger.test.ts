import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

function capture(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const logger = createLogger('test-app', { level, write: (l) => lines.push(l) });
  return { logger, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with service, level and fields', () => {
    const { logger, entries } = capture();
    logger.info('fetched', { userId: 'u1', topic: 'spotify.recent-plays.v1', runId: 'r1' });
    const [entry] = entries();
    expect(entry).toMatchObject({
      service: 'test-app',
      level: 'info',
      message: 'fetched',
      userId: 'u1',
      runId: 'r1',
    });
    expect(typeof entry?.time).toBe('string');
  });

  it('drops lines below the level', () => {
    const { logger, entries } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    expect(entries().map((e) => e.message)).toEqual(['kept']);
  });

  it('never writes credentials, even nested', () => {
    const { logger, entries } = capture();
    logger.info('token refreshed', {
      accessToken: 'AQD-secret',
      nested: { refresh_token: 'r-secret', headers: { Authorization: 'Bearer x' } },
      password: 'p',
    });
    const line = JSON.stringify(entries()[0]);
    expect(line).not.toContain('secret');
    expect(line).not.toContain('Bearer');
    expect(line).toContain('[redacted]');
  });

  it('child loggers carry their fields', () => {
    const { logger, entries } = capture();
    logger.child({ runId: 'r9' }).info('x');
    expect(entries()[0]).toMatchObject({ runId: 'r9', service: 'test-app' });
  });
});
