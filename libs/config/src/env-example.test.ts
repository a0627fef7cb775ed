import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnvSchema, connectionEnvSchema } from './env-schema.ts';
import { loadConfig } from './load-config.ts';

const example = readFileSync(join(import.meta.dirname, '..', '..', '..', '.env.example'), 'utf8');
const documented = new Map(
  [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

describe('.env.example', () => {
  it('documents every variable of the env schema', () => {
    const names = [...Object.keys(baseEnvSchema.shape), ...Object.keys(connectionEnvSchema.shape)];
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
  });

  it('documents no variable the schema does not know', () => {
    const known = new Set([
      ...Object.keys(baseEnvSchema.shape),
      ...Object.keys(connectionEnvSchema.shape),
    ]);
    expect([...documented.keys()].filter((n) => !known.has(n))).toEqual([]);
  });

  it('shows the real defaults', () => {
    const active = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(loadConfig(active)).toEqual(loadConfig({}));
    const derived = Object.fromEntries(
      [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(loadConfig(derived)).toEqual(loadConfig({}));
  });
});
