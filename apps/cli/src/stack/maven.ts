import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_DIR } from './paths.ts';

const run = promisify(execFile);

/** Maven's local repository for the stack, inside .local/ so a clean clone is self-contained. */
export const MAVEN_REPO = join(LOCAL_DIR, 'cache', 'm2');

/**
 * Runs Maven against Maven Central (batch mode, quiet). Used to fetch the Kafka jars
 * and the schema registry distribution; nothing is built.
 */
export async function maven(args: string[], cwd?: string): Promise<void> {
  try {
    await run('mvn', ['-B', '-q', `-Dmaven.repo.local=${MAVEN_REPO}`, ...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'Maven (mvn) is needed to fetch Kafka and the schema registry from Maven Central; install it (e.g. apt-get install maven)',
      );
    }
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`mvn ${args.join(' ')} failed:\n${output}`);
  }
}
