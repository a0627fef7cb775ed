import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLakeClient, ensureLakeBuckets } from '@spotify-insights/lake';
import { startDetached } from '../processes.ts';
import type { ServiceContext, StackService } from '../service.ts';
import { isHttpOk } from '../wait.ts';

const run = promisify(execFile);

/*
 * MinIO, built from its Go module through the Go module proxy at a pinned release
 * (MinIO's release tags are not semver, so the pin is the module's pseudo-version of
 * the tagged commit). The build takes 5-10 minutes once on 2 cores; only the binary is
 * kept, in .local/cache/minio.
 */
export const MINIO_RELEASE = 'RELEASE.2025-09-07T16-13-09Z';
export const MINIO_MODULE_VERSION = 'v0.0.0-20250907161309-07c3a429bfed';
const MINIO_COMMIT = '07c3a429bfed433e49018cb0f78a52145d4bedeb';

/** What MinIO's own Makefile stamps in, so `minio --version` names the release. */
function versionFlags(): string {
  const stamp = MINIO_RELEASE.replace('RELEASE.', '').replace(
    /T(\d\d)-(\d\d)-(\d\d)Z$/,
    'T$1:$2:$3Z',
  );
  const pkg = 'github.com/minio/minio/cmd';
  return [
    `-X ${pkg}.Version=${stamp}`,
    `-X ${pkg}.ReleaseTag=${MINIO_RELEASE}`,
    `-X ${pkg}.CommitID=${MINIO_COMMIT}`,
    `-X ${pkg}.ShortCommitID=${MINIO_COMMIT.slice(0, 12)}`,
    `-X ${pkg}.CopyrightYear=${stamp.slice(0, 4)}`,
  ].join(' ');
}

function binary(ctx: ServiceContext): string {
  return join(ctx.paths.cache, MINIO_MODULE_VERSION, 'minio');
}

async function build(ctx: ServiceContext): Promise<void> {
  const outDir = join(ctx.paths.cache, MINIO_MODULE_VERSION);
  mkdirSync(outDir, { recursive: true });
  ctx.progress(
    `building MinIO ${MINIO_RELEASE} from its Go module (once; a few minutes on 2 cores)`,
  );
  // Go's downloads and build cache (about 2 GB) are only needed for this one build.
  const scratch = [join(ctx.paths.cache, 'gomodcache'), join(ctx.paths.cache, 'gocache')];
  try {
    await run(
      'go',
      [
        'install',
        '-trimpath',
        `-ldflags=-s -w ${versionFlags()}`,
        `github.com/minio/minio@${MINIO_MODULE_VERSION}`,
      ],
      {
        env: {
          ...process.env,
          GOBIN: outDir,
          GOMODCACHE: scratch[0],
          GOCACHE: scratch[1],
          // -modcacherw: Go's module cache is read-only by default, which would stop `rm -rf .local`.
          GOFLAGS: '-modcacherw -buildvcs=false',
          CGO_ENABLED: '0',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('Go is needed once to build MinIO from its module; install Go 1.24 or newer');
    throw new Error(
      `building MinIO failed:\n${(e.stderr ?? e.message).trim().split('\n').slice(-15).join('\n')}`,
    );
  }
}

export const minioService: StackService = {
  name: 'minio',
  dependsOn: [],
  stopSignal: 'SIGTERM',
  startTimeoutMs: 60_000,

  describe: () => `MinIO ${MINIO_RELEASE}`,
  ports: (config) => [config.stack.minio.port, config.stack.minio.consolePort],
  endpoints: (config) => [
    { label: 'S3 API', url: config.lake.endpoint },
    {
      label: 'console',
      url: `http://${config.stack.host}:${config.stack.minio.consolePort} (login ${config.stack.minio.rootUser} / ${config.stack.minio.rootPassword})`,
    },
  ],

  async install(ctx) {
    if (!existsSync(binary(ctx))) await build(ctx);
  },

  async start(ctx) {
    const { host, minio } = ctx.config.stack;
    mkdirSync(ctx.paths.data, { recursive: true });
    return startDetached({
      command: binary(ctx),
      args: [
        'server',
        ctx.paths.data,
        '--address',
        `${host}:${minio.port}`,
        '--console-address',
        `${host}:${minio.consolePort}`,
        '--quiet',
      ],
      env: {
        MINIO_ROOT_USER: minio.rootUser,
        MINIO_ROOT_PASSWORD: minio.rootPassword,
        MINIO_BROWSER_REDIRECT_URL: `http://${host}:${minio.consolePort}`,
        MINIO_UPDATE: 'off',
      },
      logFile: ctx.paths.log,
      pidFile: ctx.paths.pid,
    });
  },

  async isHealthy(ctx) {
    return isHttpOk(`${ctx.config.lake.endpoint}/minio/health/ready`);
  },

  async afterStart(ctx) {
    const created = await ensureLakeBuckets(createLakeClient(ctx.config.lake));
    if (created.length > 0) ctx.progress(`created buckets ${created.join(', ')}`);
  },
};
