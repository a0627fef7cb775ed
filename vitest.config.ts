import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/*
 * One Vitest run covers every app and lib; each becomes a Vitest project named after
 * its folder, so `vitest run --project config` (what each project's `test` target
 * calls) runs one of them. Unit tests sit beside the code (src/**\/*.test.ts);
 * tests that need the real local stack live in tests/integration/ of each project.
 */
// Tests see the same configuration as the apps: .env (if any) over the defaults.
if (existsSync('.env')) process.loadEnvFile('.env');

const projectDirs = ['apps', 'libs'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter(
          (entry) => entry.isDirectory() && existsSync(join(group, entry.name, 'package.json')),
        )
        .map((entry) => join(group, entry.name))
    : [],
);

// A project is named after its folder; an app that shares its folder name with a lib
// (apps/transform and libs/transform) gets the suffix "-app".
const projectName = (dir: string): string => {
  const [group, name] = dir.split('/') as [string, string];
  return group === 'apps' && projectDirs.includes(`libs/${name}`) ? `${name}-app` : name;
};

export default defineConfig({
  test: {
    projects: projectDirs.map((dir) => ({
      test: {
        name: projectName(dir),
        root: dir,
        include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
        environment: 'node',
        testTimeout: 60_000,
        hookTimeout: 120_000,
        // Integration tests share one stack; running files one after another keeps
        // topic/bucket side effects predictable on a 2-core machine.
        fileParallelism: false,
      },
    })),
  },
});
