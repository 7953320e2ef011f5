import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AtlasCallError } from '../../src/atlas/errors.ts';
import { fromAtlasCall } from '../../src/errors/catalogue.ts';
import { createLogger } from '../../src/logger.ts';
import { maskUnexpected } from '../../src/plugins/mask-errors.ts';

function capture() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write: (chunk, _e, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { lines, logger };
}

describe('maskUnexpected', () => {
  it('answers a bug as INTERNAL_SERVER_ERROR with its path, and logs it in full', () => {
    const { lines, logger } = capture();
    const bug = new TypeError("Cannot read properties of undefined (reading 'name')");
    const located = new GraphQLError(bug.message, {
      path: ['project', 'pipeline'],
      originalError: bug,
    });
    const masked = maskUnexpected(located, 'Unexpected error.', logger) as GraphQLError;
    expect(masked.message).toBe('Unexpected error.');
    expect(masked.path).toEqual(['project', 'pipeline']);
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'unexpected error',
        err: expect.objectContaining({
          type: 'TypeError',
          stack: expect.stringContaining('TypeError'),
        }),
      }),
    ]);
  });

  it('passes coded errors through untouched and logs nothing', () => {
    const { lines, logger } = capture();
    const upstream = fromAtlasCall(new AtlasCallError('NOT_FOUND', 'Not found in Atlas'));
    const located = new GraphQLError(upstream.message, {
      path: ['node'],
      originalError: upstream,
      extensions: upstream.extensions,
    });
    expect(maskUnexpected(located, 'Unexpected error.', logger)).toBe(located);
    expect(lines).toEqual([]);
  });

  it('answers a failed Atlas call located without its GraphQL form in that form, and logs nothing', () => {
    const { lines, logger } = capture();
    const limited = new AtlasCallError('RATE_LIMITED', 'Atlas rate limit reached; retry later.', {
      atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: 'Slow down.', badRequestFields: [] },
      retryAfter: 30,
    });
    const located = new GraphQLError(limited.message, {
      path: ['project', 'pipelines'],
      originalError: limited,
    });
    const answered = maskUnexpected(located, 'Unexpected error.', logger) as GraphQLError;
    expect(answered.toJSON()).toEqual({
      message: 'Atlas rate limit reached; retry later.',
      path: ['project', 'pipelines'],
      extensions: {
        code: 'RATE_LIMITED',
        atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: 'Slow down.' },
        retryAfter: 30,
      },
    });
    expect(lines).toEqual([]);
  });

  it('passes a plain error carrying a catalogue code (a scalar refusing an upstream value) and logs nothing', () => {
    const { lines, logger } = capture();
    const breach = Object.assign(new Error('Atlas returned "x" where a date was expected.'), {
      extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
    });
    const located = new GraphQLError(breach.message, {
      path: ['run', 'createdDate'],
      originalError: breach,
    });
    expect(maskUnexpected(located, 'Unexpected error.', logger)).toBe(located);
    expect(located.extensions).toEqual({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(lines).toEqual([]);
  });
});
