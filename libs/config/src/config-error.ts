/** One variable that is missing or does not have the expected form. */
export interface ConfigProblem {
  variable: string;
  expected: string;
  received: string | undefined;
}

/**
 * Thrown once at start-up when the environment is not usable. The message names every
 * bad variable and what it should look like, so one run shows all problems at once.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(
      (p) =>
        `  ${p.variable}: expected ${p.expected}, got ${p.received === undefined ? 'nothing' : JSON.stringify(p.received)}`,
    );
    super(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
