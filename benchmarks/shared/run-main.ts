/**
 * The shape of every benchmark's entry point: parse the command line (a parse error or
 * `--help` prints to stderr), run, then exit, since Kafka, MinIO and database clients
 * keep sockets alive after the work is done. A failure prints its stack and exits 1.
 */
export async function runBenchmarkMain<Options>(entry: {
  parse: (args: readonly string[]) => Options | 'help';
  usage: string;
  run: (options: Options) => Promise<void>;
}): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let options: Options | 'help';
  try {
    options = entry.parse(process.argv.slice(2));
  } catch (error) {
    say((error as Error).message);
    process.exit(2);
  }
  if (options === 'help') {
    say(entry.usage);
    return;
  }
  try {
    await entry.run(options);
  } catch (error) {
    say(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
