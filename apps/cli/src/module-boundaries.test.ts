import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './stack/paths.ts';

/*
 * The architecture's dependency rules are enforced by lint, not by convention: this
 * lints imports that break them, as if they were written in a lib, and expects errors.
 */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries', () => {
  it('refuses a lib that imports an app', async () => {
    const errors = await boundaryErrors(
      'libs/lake/src/probe.ts',
      "import { REPO_ROOT } from '@spotify-insights/cli/src/stack/paths.ts';\nexport const x = REPO_ROOT;\n",
    );
    // Nx names the first rule it finds broken: the tag rule, or (because the app already
    // uses this lib) the circular dependency the import would create. Either refuses it.
    expect(errors.join('\n')).toMatch(
      /can only depend on libs tagged with "type:lib"|Circular dependency between "@spotify-insights\/lake" and "@spotify-insights\/cli"/,
    );
  });

  it('refuses a lib that imports a lib outside its allowed scopes', async () => {
    const errors = await boundaryErrors(
      'libs/lake/src/probe.ts',
      "import { createKafka } from '@spotify-insights/streaming';\nexport const x = createKafka;\n",
    );
    expect(errors.join('\n')).toMatch(/scope:lake/);
  });

  it('lets the live lib read Kafka but not the warehouse', async () => {
    const allowed = await boundaryErrors(
      'libs/live/src/probe.ts',
      "import { createKafka } from '@spotify-insights/streaming';\nexport const x = createKafka;\n",
    );
    expect(allowed).toEqual([]);
    const refused = await boundaryErrors(
      'libs/live/src/probe.ts',
      "import { createWarehouseDb } from '@spotify-insights/warehouse';\nexport const x = createWarehouseDb;\n",
    );
    expect(refused.join('\n')).toMatch(/scope:live/);
  });

  it('allows a lib to use the shared libs', async () => {
    const errors = await boundaryErrors(
      'libs/lake/src/probe.ts',
      "import { loadConfig } from '@spotify-insights/config';\nexport const x = loadConfig;\n",
    );
    expect(errors).toEqual([]);
  });
});
