/**
 * A named subquery (a CTE) that aggregates share, with the relations it reads. Each
 * aggregate stays one self-contained SELECT over the processed tables: `withRelations`
 * writes the WITH clause it needs, every relation once, dependencies first.
 */
export interface Relation {
  name: string;
  sql: string;
  uses?: readonly Relation[];
}

/**
 * Names of relations built once for a whole presentation build as temporary tables
 * (`sharedTable(name)`, see shared-relations.ts): an aggregate then reads the table
 * instead of deriving the relation again (the deduplicated plays cost about 0.85 s
 * each time on 1M plays).
 */
export type SharedRelations = ReadonlySet<string>;

/** The temporary table a shared relation is built into. */
export const sharedTable = (name: string): string => `shared_${name}`;

/**
 * `WITH a AS (…), b AS (…)` for the relations given and everything they use; a shared
 * relation reads its table (NOT MATERIALIZED: a plain scan, never copied again).
 */
export const withRelations = (
  relations: readonly Relation[],
  shared: SharedRelations = new Set(),
): string => {
  const ordered: Relation[] = [];
  const visit = (relation: Relation): void => {
    if (ordered.includes(relation)) return;
    if (!shared.has(relation.name)) for (const used of relation.uses ?? []) visit(used);
    ordered.push(relation);
  };
  for (const relation of relations) visit(relation);
  const entry = (relation: Relation) =>
    shared.has(relation.name)
      ? `${relation.name} AS NOT MATERIALIZED (FROM ${sharedTable(relation.name)})`
      : `${relation.name} AS (${relation.sql})`;
  return `WITH ${ordered.map(entry).join(',\n')}`;
};
