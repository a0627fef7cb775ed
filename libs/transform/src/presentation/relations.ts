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

/** `WITH a AS (…), b AS (…)` for the relations given and everything they use. */
export const withRelations = (relations: readonly Relation[]): string => {
  const ordered: Relation[] = [];
  const visit = (relation: Relation): void => {
    if (ordered.includes(relation)) return;
    for (const used of relation.uses ?? []) visit(used);
    ordered.push(relation);
  };
  for (const relation of relations) visit(relation);
  return `WITH ${ordered.map((relation) => `${relation.name} AS (${relation.sql})`).join(',\n')}`;
};
