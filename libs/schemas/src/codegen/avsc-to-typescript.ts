/*
 * Avro schema → TypeScript declarations, so the types of topic values are written once,
 * in schemas/*.avsc. Covers the Avro the project uses: records, primitives, enums,
 * arrays, maps, nullable unions and logical types (which avsc hands over as their base
 * type unless told otherwise: timestamp-millis and date arrive as numbers).
 */

type AvroType = string | AvroType[] | { [key: string]: unknown };

interface Field {
  name: string;
  type: AvroType;
  doc?: string;
  default?: unknown;
}

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

const LOGICAL_NOTES: Record<string, string> = {
  'timestamp-millis': 'epoch milliseconds',
  date: 'days since 1970-01-01',
  uuid: 'UUID',
};

export interface GeneratedModule {
  /** The TypeScript type of the top-level schema (a declared name, or e.g. `string`). */
  typeName: string;
  /** Every name the module declares (records and enums). */
  declaredNames: string[];
  source: string;
}

function pascal(name: string): string {
  return name.replace(/(^|[-_.])([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function docComment(lines: string[], indent = ''): string {
  const text = lines.filter(Boolean);
  if (text.length === 0) return '';
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

/**
 * Generates one module per top-level schema; named types (records, enums) become their
 * own declarations, in dependency order.
 */
export function avscToTypescript(schema: AvroType, sourceFile: string): GeneratedModule {
  const declarations: string[] = [];
  const declared = new Set<string>();

  const typeOf = (type: AvroType): string => {
    if (typeof type === 'string') {
      if (PRIMITIVES[type]) return PRIMITIVES[type]!;
      const short = pascal(type.split('.').pop()!);
      if (declared.has(short)) return short;
      throw new Error(`${sourceFile}: unknown type reference "${type}"`);
    }
    if (Array.isArray(type)) return type.map(typeOf).join(' | ');
    const t = type as { type: AvroType; [key: string]: unknown };
    if (typeof t.logicalType === 'string' && typeof t.type === 'string') return typeOf(t.type);
    switch (t.type) {
      case 'record':
        return declareRecord(t as unknown as { name: string; doc?: string; fields: Field[] });
      case 'enum': {
        const name = pascal(String(t.name));
        if (!declared.has(name)) {
          declared.add(name);
          const symbols = (t.symbols as string[]).map((s) => `'${s}'`).join(' | ');
          declarations.push(
            `${docComment([String(t.doc ?? '')])}export type ${name} = ${symbols};\n`,
          );
        }
        return name;
      }
      case 'array':
        return `Array<${typeOf(t.items as AvroType)}>`;
      case 'map':
        return `Record<string, ${typeOf(t.values as AvroType)}>`;
      default:
        return typeOf(t.type);
    }
  };

  const declareRecord = (record: { name: string; doc?: string; fields: Field[] }): string => {
    const name = pascal(record.name);
    if (declared.has(name)) return name;
    declared.add(name);
    const body = record.fields
      .map((field) => {
        const logical =
          typeof field.type === 'object' && !Array.isArray(field.type)
            ? LOGICAL_NOTES[String((field.type as { logicalType?: string }).logicalType)]
            : undefined;
        const ts = typeOf(field.type);
        const note = [field.doc, logical && `(${logical})`].filter(Boolean).join(' ');
        return `${docComment([note], '  ')}  ${field.name}: ${ts};`;
      })
      .join('\n');
    declarations.push(`${docComment([record.doc ?? ''])}export interface ${name} {\n${body}\n}\n`);
    return name;
  };

  const typeName = typeOf(schema);
  const header = `// Generated from schemas/${sourceFile} by libs/schemas/scripts/generate-types.ts. Do not edit.\n`;
  return {
    typeName,
    declaredNames: [...declared],
    source: `${header}\n${declarations.join('\n')}`,
  };
}
