import type { Knex } from 'knex';

/** A file's import progress (app.import_files). */
export interface ImportFileRow {
  status: 'importing' | 'done';
  position: number;
  records: number;
  deadLettered: number;
}

export interface ImportFileKey {
  userId: string;
  sha256: string;
}

/**
 * Progress of each export file per user, in Postgres: what makes a re-run skip a file
 * already imported, and an interrupted one resume after its last acknowledged chunk.
 */
export class PgImportFileStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async get(key: ImportFileKey): Promise<ImportFileRow | undefined> {
    const row = await this.#db('app.import_files')
      .where({ user_id: key.userId, sha256: key.sha256 })
      .first('status', 'position', 'records', 'dead_lettered');
    if (!row) return undefined;
    return {
      status: row.status,
      position: row.position,
      records: row.records,
      deadLettered: row.dead_lettered,
    };
  }

  /** Records the start of a file's import; a resumed one keeps its progress. */
  async begin(
    key: ImportFileKey,
    file: { kind: string; fileName: string; sizeBytes: number; runId: string },
  ): Promise<void> {
    await this.#db('app.import_files')
      .insert({
        user_id: key.userId,
        sha256: key.sha256,
        kind: file.kind,
        file_name: file.fileName,
        size_bytes: file.sizeBytes,
        status: 'importing',
        run_id: file.runId,
      })
      .onConflict(['user_id', 'sha256'])
      .merge(['file_name', 'run_id', 'updated_at']);
  }

  /** Called only after Kafka acknowledged everything up to `position`. */
  async advance(key: ImportFileKey, progress: Omit<ImportFileRow, 'status'>): Promise<void> {
    await this.#db('app.import_files').where({ user_id: key.userId, sha256: key.sha256 }).update({
      position: progress.position,
      records: progress.records,
      dead_lettered: progress.deadLettered,
      updated_at: this.#db.fn.now(),
    });
  }

  async finish(key: ImportFileKey): Promise<void> {
    await this.#db('app.import_files')
      .where({ user_id: key.userId, sha256: key.sha256 })
      .update({ status: 'done', finished_at: this.#db.fn.now(), updated_at: this.#db.fn.now() });
  }
}
