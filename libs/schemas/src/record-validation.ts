import avro from 'avsc';
import { readSchema } from './schema-files.ts';

const types = new Map<string, avro.Type>();

/** The avsc type of schemas/<name>.avsc, parsed once per process. */
export function avroType(name: string): avro.Type {
  let type = types.get(name);
  if (!type) {
    type = avro.Type.forSchema(readSchema(name) as avro.Schema);
    types.set(name, type);
  }
  return type;
}

export interface FieldProblem {
  /** Dotted path of the bad field, e.g. `artist_ids.2`. */
  path: string;
  message: string;
}

/**
 * Why a record does not fit its schema, field by field (empty when it fits). Used before
 * sending, so a bad record goes to the dead-letter topic with a reason a person can act on.
 */
export function recordProblems(type: avro.Type, value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  type.isValid(value, {
    errorHook: (path, actual, fieldType) => {
      const shown = actual === undefined ? 'nothing' : JSON.stringify(actual)?.slice(0, 80);
      problems.push({
        path: path.join('.') || '(record)',
        message: `expected ${fieldType.typeName ?? 'a valid value'}, got ${shown}`,
      });
    },
  });
  return problems;
}
