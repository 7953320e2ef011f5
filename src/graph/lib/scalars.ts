import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { UpstreamErrorCode } from '../../atlas/errors.ts';
import { builder } from '../builder.ts';
import { OBJECT_ID } from './patterns.ts';

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
const literal = (node: ValueNode) => (node.kind === Kind.STRING ? node.value : undefined);

const parseObjectId = (value: unknown): string => {
  if (typeof value !== 'string' || !OBJECT_ID.test(value)) {
    throw badInput(
      `ObjectId must be 24 lower-case hexadecimal characters, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
};

builder.scalarType('ObjectId', {
  description: 'A MongoDB ObjectId: 24 lower-case hexadecimal characters.',
  serialize: (value) => value,
  parseValue: parseObjectId,
  parseLiteral: (node) => parseObjectId(literal(node)),
});

// ISO 8601 with a date, a time and an explicit offset: `2024-05-01T10:00:00Z`, `...+02:00`.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const parseDateTime = (value: unknown): Date => {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput(
      `DateTime must be an ISO 8601 date and time with an offset, got ${JSON.stringify(value)}.`,
    );
  }
  return date;
};

/**
 * Output values come from Atlas: one that is not a date is a contract breach, not our bug. Thrown as a
 * plain Error carrying the code: graphql-tools' executor turns a GraphQLError thrown by `serialize` into
 * a bare Error without it, while graphql-js's located error takes a plain error's `extensions`.
 */
const serializeDateTime = (value: unknown): string => {
  const date = value instanceof Date ? value : new Date(value as string);
  if (Number.isNaN(date.getTime())) {
    throw Object.assign(
      new Error(`Atlas returned ${JSON.stringify(value)} where a date was expected.`),
      {
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' satisfies UpstreamErrorCode },
      },
    );
  }
  return date.toISOString();
};

builder.scalarType('DateTime', {
  description: 'An instant, as ISO 8601 in UTC (e.g. 2024-05-01T10:00:00.000Z).',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(literal(node)),
});

const parseLong = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw badInput(`Long must be an integer within ±2^53, got ${JSON.stringify(value)}.`);
  }
  return value;
};

builder.scalarType('Long', {
  description: 'A 64-bit integer (Atlas int64), as a JSON number; exact up to 2^53.',
  serialize: (value) => value,
  parseValue: parseLong,
  parseLiteral: (node) => parseLong(node.kind === Kind.INT ? Number(node.value) : undefined),
});
