/**
 * Runs clean-up steps each on its own, collecting what went wrong instead of stopping:
 * one failed step must not leave the rest of a run's leftovers behind.
 */
export function bestEffort() {
  const problems: string[] = [];
  return {
    problems,
    async attempt(what: string, step: () => Promise<unknown>): Promise<void> {
      try {
        await step();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    },
  };
}
