import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { rawLanderGroup } from '@spotify-insights/ingestion';
import { TOPIC_SOURCE_NAMES } from '@spotify-insights/schemas';
import { createKafka } from '@spotify-insights/streaming';
import { REPO_ROOT } from '../../src/stack/paths.ts';

/* The nine consumer apps (one per topic: eight API sources and the streaming-history import) against the real stack: all join their groups, SIGTERM stops all. */
const config = loadConfig();

describe('run-all consumers', () => {
  it('starts the nine consumer apps, each in its group, and stops them all on SIGTERM', async () => {
    const cli = spawn(
      process.execPath,
      [join(REPO_ROOT, 'apps/cli/src/main.ts'), 'run-all', 'consumers'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    cli.stdout.on('data', (d: Buffer) => (output += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));

    const admin = createKafka(config.kafka).admin();
    await admin.connect();
    try {
      const groups = TOPIC_SOURCE_NAMES.map(rawLanderGroup);
      const deadline = Date.now() + 90_000;
      let stable: string[] = [];
      while (Date.now() < deadline) {
        const { groups: described } = await admin.describeGroups(groups);
        stable = described
          .filter((g) => g.state === 'Stable' && g.members.length === 1)
          .map((g) => g.groupId);
        if (stable.length === groups.length) break;
        await sleep(500);
      }
      expect(stable.sort(), output).toEqual([...groups].sort());
      for (const source of TOPIC_SOURCE_NAMES) expect(output).toContain(`consumer-${source}`);

      cli.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      const { groups: after } = await admin.describeGroups(groups);
      expect(after.every((g) => g.members.length === 0)).toBe(true);
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
      await admin.disconnect();
    }
  }, 150_000);
});
