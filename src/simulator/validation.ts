/**
 * Request-body validation, written from the contract's request schemas by hand (the simulator is the
 * contract's second implementation, so it never reads the OpenAPI file). Like Atlas it rejects unknown
 * and read-only fields instead of ignoring them, and reports every violation in badRequestDetail.
 */
import { AtlasError, badRequest, type FieldViolation } from './errors.ts';

export type Rule =
  | {
      type: 'string';
      pattern?: RegExp;
      enum?: readonly string[];
      minLength?: number;
      maxLength?: number;
    }
  | { type: 'integer'; minimum?: number; maximum?: number; enum?: readonly number[] }
  | { type: 'boolean' }
  | { type: 'array'; items: Rule }
  | ObjectRule
  | { type: 'discriminated'; property: string; variants: Readonly<Record<string, ObjectRule>> };

export interface ObjectRule {
  type: 'object';
  fields: Readonly<Record<string, Field>>;
}

export interface Field {
  rule: Rule;
  required?: boolean;
  readOnly?: boolean;
}

/** Fields a client may not send (their value's shape does not matter: any value is refused). */
export function readOnlyFields(...names: string[]): Record<string, Field> {
  return Object.fromEntries(
    names.map((name) => [name, { rule: { type: 'object', fields: {} }, readOnly: true }]),
  );
}

export const OBJECT_ID = /^([a-f0-9]{24})$/;
export const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
export const PIPELINE_NAME = /^[^/\\ "$]{1,64}$/;
const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

interface Violation extends FieldViolation {
  errorCode: string;
}

/** Validates a JSON request body; throws a 400 AtlasError listing every violation. */
export function validateBody(body: unknown, rule: ObjectRule): void {
  const violations: Violation[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('INVALID_JSON', 'The request body must be a JSON object.');
  }
  check(body, rule, '', violations);
  const first = violations[0];
  if (first) {
    const fields = violations.map(({ field, description }) => ({ field, description }));
    throw new AtlasError(
      400,
      first.errorCode,
      `Invalid request body: ${first.field} ${first.description}`,
      [first.field],
      fields,
    );
  }
}

/** A 400 for one field, in the same form as schema violations (for rules checked by handlers). */
export function invalidField(errorCode: string, field: string, description: string): AtlasError {
  return new AtlasError(
    400,
    errorCode,
    `Invalid request body: ${field} ${description}`,
    [field],
    [{ field, description }],
  );
}

type ScalarRule = Extract<Rule, { type: 'string' | 'integer' | 'boolean' }>;
type Problem = Omit<Violation, 'field'>;

function check(value: unknown, rule: Rule, path: string, out: Violation[]): void {
  if (rule.type === 'string' || rule.type === 'integer' || rule.type === 'boolean') {
    const problem = scalarProblem(value, rule);
    if (problem) out.push({ field: path, ...problem });
    return;
  }
  if (rule.type === 'array') {
    if (!Array.isArray(value))
      out.push({ field: path, errorCode: 'INVALID_ATTRIBUTE', description: 'must be an array.' });
    else {
      for (const [index, item] of value.entries())
        check(item, rule.items, `${path}[${index}]`, out);
    }
    return;
  }
  if (!isPlainObject(value)) {
    out.push({ field: path, errorCode: 'INVALID_ATTRIBUTE', description: 'must be an object.' });
    return;
  }
  if (rule.type === 'object') {
    checkObject(value, rule, path, out);
    return;
  }
  const tag = value[rule.property];
  const variant = typeof tag === 'string' ? rule.variants[tag] : undefined;
  if (variant) checkObject(value, variant, path, out);
  else if (tag === undefined)
    out.push({
      field: join(path, rule.property),
      errorCode: 'MISSING_ATTRIBUTE',
      description: 'is required.',
    });
  else {
    const description = `must be one of ${Object.keys(rule.variants).join(', ')}.`;
    out.push({ field: join(path, rule.property), errorCode: 'INVALID_ENUM_VALUE', description });
  }
}

function scalarProblem(value: unknown, rule: ScalarRule): Problem | undefined {
  const invalid = (description: string): Problem => ({
    errorCode: 'INVALID_ATTRIBUTE',
    description,
  });
  if (rule.type === 'boolean')
    return typeof value === 'boolean' ? undefined : invalid('must be a boolean.');
  if (rule.type === 'integer') {
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value > INT32_MAX ||
      value < INT32_MIN
    ) {
      return invalid('must be a 32-bit integer.');
    }
  } else if (typeof value !== 'string') {
    return invalid('must be a string.');
  }
  const enumeration: readonly unknown[] | undefined = rule.enum;
  if (enumeration && !enumeration.includes(value)) {
    return {
      errorCode: 'INVALID_ENUM_VALUE',
      description: `must be one of ${enumeration.join(', ')}.`,
    };
  }
  if (rule.type === 'integer') {
    const number = value as number;
    if (rule.minimum !== undefined && number < rule.minimum)
      return invalid(`must be at least ${rule.minimum}.`);
    if (rule.maximum !== undefined && number > rule.maximum)
      return invalid(`must be at most ${rule.maximum}.`);
    return undefined;
  }
  const text = value as string;
  if (rule.minLength !== undefined && text.length < rule.minLength)
    return invalid(`must be at least ${rule.minLength} characters.`);
  if (rule.maxLength !== undefined && text.length > rule.maxLength)
    return invalid(`must be at most ${rule.maxLength} characters.`);
  if (rule.pattern && !rule.pattern.test(text))
    return invalid(`must match ${rule.pattern.source}.`);
  return undefined;
}

function checkObject(
  value: Record<string, unknown>,
  rule: ObjectRule,
  path: string,
  out: Violation[],
): void {
  for (const [name, fieldValue] of Object.entries(value)) {
    const field = rule.fields[name];
    const fieldPath = join(path, name);
    if (!field)
      out.push({
        field: fieldPath,
        description: 'is not a recognized field.',
        errorCode: 'INVALID_JSON_ATTRIBUTE',
      });
    else if (field.readOnly)
      out.push({
        field: fieldPath,
        description: 'is read-only.',
        errorCode: 'ATTRIBUTE_READ_ONLY',
      });
    else check(fieldValue, field.rule, fieldPath, out);
  }
  for (const [name, field] of Object.entries(rule.fields)) {
    if (field.required && value[name] === undefined) {
      out.push({
        field: join(path, name),
        description: 'is required.',
        errorCode: 'MISSING_ATTRIBUTE',
      });
    }
  }
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
