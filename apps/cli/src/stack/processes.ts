import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachedCommand {
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
  logFile: string;
  pidFile: string;
  /** Run as this user (uid/gid); needed for PostgreSQL, which refuses to run as root. */
  user?: { uid: number; gid: number };
}

/**
 * Starts a server that outlives this CLI: its own process group (so stop reaches its
 * children too), output appended to a log file, pid recorded for status and stop.
 */
export function startDetached(cmd: DetachedCommand): number {
  mkdirSync(dirname(cmd.logFile), { recursive: true });
  mkdirSync(dirname(cmd.pidFile), { recursive: true });
  const log = openSync(cmd.logFile, 'a');
  try {
    const child = spawn(cmd.command, cmd.args, {
      cwd: cmd.cwd,
      env: { ...process.env, ...cmd.env },
      detached: true,
      stdio: ['ignore', log, log],
      ...(cmd.user ?? {}),
    });
    if (child.pid === undefined) throw new Error(`could not start ${cmd.command}`);
    child.unref();
    writeFileSync(cmd.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid recorded for a service if that process is still running. */
export function runningPid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

function killGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Asks the server to stop with `signal`, waits up to `graceMs`, then kills its whole
 * process group. Only the leader gets the polite signal: servers such as PostgreSQL
 * shut their own children down and expect nobody else to signal them.
 * Returns how it ended so `stack down` can say so.
 */
export async function stopProcess(
  pidFile: string,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<'not-running' | 'stopped' | 'killed'> {
  const pid = runningPid(pidFile);
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return 'not-running';
  }
  try {
    process.kill(pid, signal);
  } catch {
    // exited in the meantime
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      rmSync(pidFile, { force: true });
      return 'stopped';
    }
    await sleep(100);
  }
  killGroup(pid);
  while (isAlive(pid)) await sleep(50);
  rmSync(pidFile, { force: true });
  return 'killed';
}
