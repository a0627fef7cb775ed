import { describe, expect, it } from 'vitest';
import { withRelations, type Relation } from './relations.ts';

const base: Relation = { name: 'base', sql: 'SELECT 1 AS x' };
const left: Relation = { name: 'left_side', uses: [base], sql: 'SELECT x FROM base' };
const right: Relation = { name: 'right_side', uses: [base], sql: 'SELECT x + 1 AS x FROM base' };

describe('withRelations', () => {
  it('writes each relation once, after the relations it uses', () => {
    expect(withRelations([left, right])).toBe(
      'WITH base AS (SELECT 1 AS x),\nleft_side AS (SELECT x FROM base),\nright_side AS (SELECT x + 1 AS x FROM base)',
    );
  });

  it('reads a shared relation from its table, without the relations it uses', () => {
    expect(withRelations([left, right], new Set(['left_side']))).toBe(
      'WITH left_side AS NOT MATERIALIZED (FROM shared_left_side),\nbase AS (SELECT 1 AS x),\nright_side AS (SELECT x + 1 AS x FROM base)',
    );
  });

  it('keeps a relation asked for twice, or asked for and used, once', () => {
    expect(withRelations([base, left, base])).toBe(
      'WITH base AS (SELECT 1 AS x),\nleft_side AS (SELECT x FROM base)',
    );
  });
});
