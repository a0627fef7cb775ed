import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildService {
  url: string;
  stop(): Promise<void>;
}

export interface ChildServiceOptions {
  /** What the service is, for messages ("the Spotify simulator"). */
  name: string;
  /** A .ts entry point, run by this same Node. */
  script: string;
  url: string;
  /** A GET that answers 2xx once the service is ready. */
  readyPath: string;
  /** Which env variable moves it to another port, for the "port taken" message. */
  portVariable: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for it (ms). */
  timeoutMs?: number;
}

/**
 * Starts one of our apps as a child process and waits until it answers. Refuses to start
 * when something already answers on its URL: a second copy would fail to bind anyway, and
 * the demo would then talk to whatever runs there.
 */
export async function startChildService(options: ChildServiceOptions): Promise<ChildService> {
  const { name, url } = options;
  const answers = () =>
    fetch(`${url}${options.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
  if (await answers())
    throw new Error(
      `${url} already answers (is ${name} already running?); stop it or set ${options.portVariable}`,
    );
  const child = spawn(process.execPath, [options.script], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (await answers()) return { url, stop };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`${name} did not start on ${url}\n${stderr}`);
}
