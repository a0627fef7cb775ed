import { createRawConsumer, type RawConsumerOptions } from '../../../src/index.ts';

/**
 * Runs a raw consumer until `expected` records are stored and committed, then stops it.
 * Gives up waiting after a minute, so a test fails on its assertions (with what did land)
 * rather than on its timeout.
 */
export async function landInRaw(
  options: Omit<RawConsumerOptions, 'onChunkStored'>,
  expected: number,
): Promise<void> {
  let committed = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const consumer = createRawConsumer({
    ...options,
    onChunkStored: ({ objects }) => {
      committed += objects.reduce((n, o) => n + o.records, 0);
      if (committed >= expected) resolveDone();
    },
  });
  await consumer.start();
  const timeout = setTimeout(() => resolveDone(), 60_000);
  try {
    await done;
  } finally {
    clearTimeout(timeout);
    await consumer.stop();
  }
}
