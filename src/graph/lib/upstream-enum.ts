import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';

/** `InProgress` -> IN_PROGRESS, `onDemand` -> ON_DEMAND, `ondemand` -> ONDEMAND, `ON_DEMAND` as is. */
export function enumValueName(raw: string): string {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

const warned = new Set<string>();

export interface UpstreamEnum {
  ref: ReturnType<typeof builder.enumType<string, Record<string, { value: string }>>>;
  /** The raw value if the contract lists it; else null, warning once per value (Atlas added one). */
  known(raw: unknown, context: Pick<GraphContext, 'logger' | 'requestId'>): string | null;
}

/**
 * One GraphQL enum for one upstream value set: SCREAMING_SNAKE_CASE names, the raw Atlas strings as
 * internal values, so resolvers pass upstream data through untouched.
 */
export function upstreamEnum(
  name: string,
  rawValues: readonly string[],
  description: string,
): UpstreamEnum {
  const values = Object.fromEntries(
    rawValues.map((raw) => [enumValueName(raw), { value: raw, description: `Atlas: \`${raw}\`` }]),
  );
  const ref = builder.enumType(name, { description, values });
  const set = new Set(rawValues);
  return {
    ref,
    known(raw, context) {
      if (raw === undefined || raw === null) return null;
      if (typeof raw === 'string' && set.has(raw)) return raw;
      const key = `${name}:${String(raw)}`;
      if (!warned.has(key)) {
        warned.add(key);
        context.logger.warn(
          { requestId: context.requestId, enum: name, value: raw },
          'Atlas returned a value this gateway does not know; it resolves to null',
        );
      }
      return null;
    },
  };
}
