import { AtlasCallError, type AtlasErrorDetail } from '../../atlas/errors.ts';
import { builder } from '../builder.ts';

/**
 * Expected mutation failures are data, not top-level errors (docs/graph.md, Mutations): each result union holds the
 * success payload and these types, all implementing `MutationError`.
 */
export class MutationFailure extends Error {
  readonly atlas: AtlasErrorDetail | null;

  constructor(message: string, atlas: AtlasErrorDetail | null = null) {
    super(message);
    this.atlas = atlas;
  }
}
export interface FieldError {
  path: string[];
  message: string;
}
export class ValidationFailure extends MutationFailure {
  readonly fieldErrors: FieldError[];

  constructor(message: string, fieldErrors: FieldError[], atlas: AtlasErrorDetail | null = null) {
    super(message, atlas);
    this.fieldErrors = fieldErrors;
  }
}
export class NotFoundFailure extends MutationFailure {}
export class ConflictFailure extends MutationFailure {}
export class ForbiddenFailure extends MutationFailure {}
export class RateLimitedFailure extends MutationFailure {
  readonly retryAfter: number | null;

  constructor(message: string, atlas: AtlasErrorDetail | null, retryAfter: number | null) {
    super(message, atlas);
    this.retryAfter = retryAfter;
  }
}
export class UpstreamFailure extends MutationFailure {
  readonly code: string;

  constructor(message: string, atlas: AtlasErrorDetail | null, code: string) {
    super(message, atlas);
    this.code = code;
  }
}

const AtlasErrorRef = builder.objectRef<AtlasErrorDetail>('AtlasError').implement({
  description: 'What Atlas answered.',
  fields: (t) => ({
    status: t.exposeInt('status', { nullable: false, description: 'HTTP status.' }),
    errorCode: t.exposeString('errorCode'),
    detail: t.exposeString('detail'),
  }),
});

const MutationErrorRef = builder.interfaceRef<MutationFailure>('MutationError').implement({
  description: 'An expected failure of a mutation.',
  fields: (t) => ({
    message: t.exposeString('message', { nullable: false }),
    atlas: t.expose('atlas', { type: AtlasErrorRef }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  fields: (t) => ({
    path: t.exposeStringList('path', {
      nullable: false,
      description: 'Path of the input field at fault.',
    }),
    message: t.exposeString('message', { nullable: false }),
  }),
});

builder.objectType(ValidationFailure, {
  name: 'ValidationError',
  description: 'The input breaks a rule of the contract; nothing was changed.',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    fieldErrors: t.expose('fieldErrors', { type: [FieldErrorRef], nullable: false }),
  }),
});
builder.objectType(NotFoundFailure, {
  name: 'NotFoundError',
  interfaces: [MutationErrorRef],
  fields: () => ({}),
});
builder.objectType(ConflictFailure, {
  name: 'ConflictError',
  interfaces: [MutationErrorRef],
  fields: () => ({}),
});
builder.objectType(ForbiddenFailure, {
  name: 'ForbiddenError',
  interfaces: [MutationErrorRef],
  fields: () => ({}),
});
builder.objectType(RateLimitedFailure, {
  name: 'RateLimitedError',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    retryAfter: t.exposeInt('retryAfter', { description: 'Seconds to wait before trying again.' }),
  }),
});
builder.objectType(UpstreamFailure, {
  name: 'UpstreamError',
  description: 'Atlas failed or could not be reached; the change may or may not have happened.',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    code: t.exposeString('code', { nullable: false, description: 'The error catalogue code.' }),
  }),
});

export const MUTATION_ERRORS = [
  ValidationFailure,
  NotFoundFailure,
  ConflictFailure,
  ForbiddenFailure,
  RateLimitedFailure,
  UpstreamFailure,
];

/** The `errors` option of a mutation field: its result union `<Name>Result` of the payload and MUTATION_ERRORS. */
export const mutationErrors = (name: string) =>
  ({ types: MUTATION_ERRORS, directResult: true, union: { name: `${name}Result` } }) as const;

/**
 * Re-throws an upstream failure as the mutation error it stands for; UNAUTHENTICATED stays top-level.
 * `inputNames` maps Atlas body field names to input field names where they differ.
 */
export function asMutationFailure(error: unknown, inputNames: Record<string, string> = {}): never {
  if (!(error instanceof AtlasCallError) || error.code === 'UNAUTHENTICATED') throw error;
  const atlas = error.atlas ?? null;
  switch (error.code) {
    case 'BAD_USER_INPUT':
      throw new ValidationFailure(
        error.message,
        (atlas?.badRequestFields ?? []).map((f) => ({
          path: ['input', ...(inputNames[f.field] ?? f.field).split('.')],
          message: f.description,
        })),
        atlas,
      );
    case 'NOT_FOUND':
      throw new NotFoundFailure(error.message, atlas);
    case 'CONFLICT':
      throw new ConflictFailure(error.message, atlas);
    case 'FORBIDDEN':
      throw new ForbiddenFailure(error.message, atlas);
    case 'RATE_LIMITED':
      throw new RateLimitedFailure(error.message, atlas, error.retryAfter ?? null);
    default:
      throw new UpstreamFailure(error.message, atlas, error.code);
  }
}
