import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on right now, so tests that start their own servers (a
 * simulator, a second Kafka broker) never collide with the shared stack or each other.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
