import type { Knex } from 'knex';

/**
 * The warehouse's data version, as the owner sees it: how many transform runs have
 * finished and when the last did. Every load into the warehouse is a transform run's
 * `load` step, committed before its run is marked finished, so the version moves only
 * after new data is visible: what the API's response cache keys on. (Reads `app`, so it
 * needs the owner, not bi_reader.)
 */
export async function warehouseDataVersion(owner: Knex): Promise<string> {
  const result = await owner.raw<{ rows: { runs: string; last: Date | null }[] }>(
    `select count(*) as runs, max(finished_at) as last
     from app.transform_runs where finished_at is not null`,
  );
  const row = result.rows[0]!;
  return `${row.runs}@${row.last?.toISOString() ?? '-'}`;
}
