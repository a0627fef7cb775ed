/** One JSON value per line; the format of every raw object. */
export function toNdjson(records: readonly unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** Parses NDJSON; a bad line fails with its line number rather than a bare SyntaxError. */
export function fromNdjson<T = unknown>(text: string): T[] {
  const records: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as T);
    } catch (error) {
      throw new Error(`NDJSON line ${index + 1}: ${(error as Error).message}`);
    }
  });
  return records;
}
