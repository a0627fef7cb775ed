import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function majorVersion(javaBin: string): number | undefined {
  // `java -version` prints to stderr.
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  return result.error ? undefined : parse(`${result.stderr}${result.stdout}`);
}

function parse(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

function candidates(): string[] {
  const list: string[] = [];
  if (process.env.JAVA_HOME) list.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  list.push('java');
  for (const root of ['/usr/lib/jvm', '/opt/java', '/Library/Java/JavaVirtualMachines']) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root).sort().reverse()) {
      for (const bin of [
        join(root, entry, 'bin', 'java'),
        join(root, entry, 'Contents', 'Home', 'bin', 'java'),
      ]) {
        if (existsSync(bin)) list.push(bin);
      }
    }
  }
  return list;
}

const cache = new Map<string, string>();

/**
 * A Java runtime of at least `minMajor` (and at most `maxMajor`, when a server is not
 * yet certified on newer ones): JAVA_HOME first, then PATH, then the usual JDK folders.
 */
export function findJava(minMajor: number, maxMajor = Number.POSITIVE_INFINITY): string {
  const key = `${minMajor}-${maxMajor}`;
  const cached = cache.get(key);
  if (cached) return cached;
  for (const bin of candidates()) {
    const major = majorVersion(bin);
    if (major !== undefined && major >= minMajor && major <= maxMajor) {
      cache.set(key, bin);
      return bin;
    }
  }
  const range = Number.isFinite(maxMajor) ? `${minMajor}-${maxMajor}` : `${minMajor} or newer`;
  throw new Error(`no Java ${range} found (JAVA_HOME, PATH, /usr/lib/jvm); install a JDK ${range}`);
}
