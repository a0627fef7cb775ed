#!/usr/bin/env node
/* Regenerates libs/schemas/src/generated/ from schemas/*.avsc (`npm run generate -w @spotify-insights/schemas`). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../src/codegen/generated-files.ts';

const outDir = join(import.meta.dirname, '..', 'src', 'generated');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [file, source] of generatedFiles()) {
  writeFileSync(join(outDir, file), source);
  process.stdout.write(`wrote src/generated/${file}\n`);
}
