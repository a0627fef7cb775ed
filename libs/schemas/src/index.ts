export { avscToTypescript, type GeneratedModule } from './codegen/avsc-to-typescript.ts';
export type * from './generated/index.ts';
export { avroType, recordProblems, type FieldProblem } from './record-validation.ts';
export { readSchema, schemaFileNames, SCHEMAS_DIR } from './schema-files.ts';
export {
  ENVELOPE_FIELDS,
  IMPORT_SOURCE_NAMES,
  KEY_SCHEMA_NAME,
  SOURCE_NAMES,
  sourceTopic,
  TOPIC_SOURCE_NAMES,
  type ImportSourceName,
  type SourceName,
  type TopicSourceName,
} from './source-topics.ts';
