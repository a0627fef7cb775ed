import { describe, expect, it } from 'vitest';
import { superviseAll } from './supervise.ts';

const node = process.execPath;
const sleeper = (name: string) => ({
  name,
  command: node,
  args: [
    '-e',
    `process.on('SIGTERM', () => { console.log('${name} stopping'); process.exit(0); }); console.log('${name} up'); setInterval(() => {}, 1000);`,
  ],
});

describe('superviseAll', () => {
  it('prefixes each line with its app and stops all on request, exit code 0', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const done = superviseAll([sleeper('alpha'), sleeper('beta-long-name')], {
      write: (l) => {
        lines.push(l);
        if (lines.filter((x) => x.includes(' up')).length === 2) abort.abort();
      },
      signal: abort.signal,
    });
    expect(await done).toBe(0);
    expect(lines).toContain('alpha          | alpha up\n');
    expect(lines).toContain('beta-long-name | beta-long-name stopping\n');
  });

  it('stops the others and returns 1 when one app dies', async () => {
    const lines: string[] = [];
    const code = await superviseAll(
      [
        sleeper('steady'),
        { name: 'crasher', command: node, args: ['-e', 'setTimeout(() => process.exit(3), 300)'] },
      ],
      { write: (l) => lines.push(l) },
    );
    expect(code).toBe(1);
    expect(lines.join('')).toContain('crasher | exited with 3; stopping the others');
    expect(lines.join('')).toContain('steady  | steady stopping');
  });
});
