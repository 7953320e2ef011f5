import { ConfigError, loadConfig } from '../../src/config/index.ts';

/** The problems loadConfig reports for `env`, or none when it accepts it. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
