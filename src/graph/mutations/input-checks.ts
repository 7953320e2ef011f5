import { isClusterName, isPipelineName } from '../lib/patterns.ts';
import { ValidationFailure } from './mutation-errors.ts';

/**
 * One contract rule applied to one input field: whether it holds, the field's path under `input`, and
 * what the rule says. Mutations check every rule before any upstream call and report all that fail.
 */
export type InputCheck = readonly [holds: boolean, path: readonly string[], message: string];

export const PIPELINE_NAME_RULE =
  'A pipeline name is 1 to 64 characters without / \\ space " or $, and not . or ..';
export const CLUSTER_NAME_RULE =
  'A name starts with a letter or digit and holds only letters, digits and hyphens.';

export const pipelineNameCheck = (name: string, ...path: string[]): InputCheck => [
  isPipelineName(name),
  path,
  PIPELINE_NAME_RULE,
];
export const clusterNameCheck = (name: string, ...path: string[]): InputCheck => [
  isClusterName(name),
  path,
  CLUSTER_NAME_RULE,
];

/** A bound from the contract (`minimum`); an absent value passes. */
export const atLeastCheck = (
  value: number | null | undefined,
  minimum: number,
  ...path: string[]
): InputCheck => [
  value === null || value === undefined || value >= minimum,
  path,
  `Must be at least ${minimum}.`,
];

/** Throws a ValidationError naming every failed check, in the order given; nothing when all hold. */
export function checkInput(checks: readonly InputCheck[]): void {
  const failed = checks.filter(([holds]) => !holds);
  if (failed.length === 0) return;
  throw new ValidationFailure(
    'The input is not valid.',
    failed.map(([, path, message]) => ({ path: ['input', ...path], message })),
  );
}

/** The fields of an input object that were given a value: explicit nulls count as not given. */
export function givenFields<T extends object>(
  input: T,
  names: readonly (keyof T & string)[],
): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  const given: Partial<Record<keyof T, unknown>> = {};
  for (const name of names)
    if (input[name] !== null && input[name] !== undefined) given[name] = input[name];
  return given as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}
