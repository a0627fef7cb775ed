import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** schemas/ at the repository root: one .avsc per topic value, plus the key schema. */
export const SCHEMAS_DIR = join(import.meta.dirname, '..', '..', '..', 'schemas');

export function schemaFileNames(dir: string = SCHEMAS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.avsc'))
    .sort();
}

/** The parsed JSON of schemas/<name>.avsc (name without the extension). */
export function readSchema(name: string, dir: string = SCHEMAS_DIR): object {
  const file = join(dir, `${name}.avsc`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch (error) {
    throw new Error(`cannot read Avro schema ${file}: ${(error as Error).message}`);
  }
}
