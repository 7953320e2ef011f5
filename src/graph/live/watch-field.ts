import type { InterfaceRef, ObjectRef } from '@pothos/core';
import type { AtlasRequest } from '../../atlas/request.ts';
import { unauthenticated, userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { createLoaders } from '../loaders/index.ts';
import { decodeGlobalId, type GlobalId, type NodeTypeName } from '../relay/global-id.ts';
import type { PollEvent, PollTarget } from './poll-hub.ts';

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** How to watch one kind of object, named by the type of its global ID (docs/graph.md, Watches). */
export interface WatchKind<Shape> {
  /** The GET each poll sends; each event primes it, so fields beneath read the object without a call. */
  request: (id: GlobalId) => AtlasRequest;
  /** The object as resolvers take it. */
  shape: (id: GlobalId, raw: object) => Shape;
  /** A state Atlas never moves the object out of: the stream completes after sending it. */
  isFinal: (raw: object) => boolean;
  /** What subscribers see change; the whole upstream object when omitted. */
  fingerprint?: (raw: object) => string;
}

/** Types one kind's functions by its upstream JSON, so a registry entry reads that JSON typed. */
export function watchKind<Raw extends object, Shape>(kind: {
  request: (id: GlobalId) => AtlasRequest;
  shape: (id: GlobalId, raw: Raw) => Shape;
  isFinal: (raw: Raw) => boolean;
  fingerprint?: (raw: Raw) => string;
}): WatchKind<Shape> {
  return kind as WatchKind<Shape>;
}

interface WatchFieldOptions<Shape> {
  type: ObjectRef<SchemaTypes, Shape> | InterfaceRef<SchemaTypes, Shape>;
  description: string;
  idDescription: string;
  /** What the ID must name, for the BAD_USER_INPUT message ("an export job"). */
  what: string;
  /** Names the poll streams of this field in request ids (`<label>-poll-<uuid>`). */
  label: string;
  /** The kinds of object the field watches, by the type in their global ID. */
  kinds: Partial<Record<NodeTypeName, WatchKind<Shape>>>;
}

/** The object an `id` argument names, with its kind: BAD_USER_INPUT for any other ID, before any call. */
function watched<Shape>(
  id: string | number,
  options: WatchFieldOptions<Shape>,
): { id: GlobalId; kind: WatchKind<Shape> } {
  const decoded = decodeGlobalId(String(id), 'id');
  const kind = Object.hasOwn(options.kinds, decoded.type) ? options.kinds[decoded.type] : undefined;
  if (!kind) throw userInputError(`"id" is not the global ID of ${options.what}.`, 'id');
  return { id: decoded, kind };
}

/**
 * A root subscription field watching one long operation by its global ID: the object as it is now,
 * then each change, ending after a final state. One poll stream per (credential, kind, object) serves
 * every watcher (src/graph/live/poll-hub.ts).
 */
export function watchField<Shape>(name: string, options: WatchFieldOptions<Shape>): void {
  builder.subscriptionField(name, (t) =>
    t.field({
      type: options.type,
      nullable: false,
      description: options.description,
      args: { id: t.arg.id({ required: true, description: options.idDescription }) },
      subscribe: (_, args, context) => {
        const { id, kind } = watched(args.id, options);
        const request = kind.request(id);
        // Polls outlive this request: they carry its credential but not its abort signal or deadline.
        const { client, scope } = context.upstream;
        const authenticator = scope.authenticator;
        const target: PollTarget = {
          key: JSON.stringify([
            (authenticator ?? client.authenticator).credentialKey,
            id.type,
            id.groupId,
            ...id.keys,
          ]),
          label: options.label,
          poll: (pollScope) => client.call<object>(request, { ...pollScope, authenticator }),
          fingerprint: kind.fingerprint ?? ((raw) => JSON.stringify(raw)),
          isFinal: kind.isFinal,
        };
        // The hub's own iterator goes to Yoga unwrapped, so that a client leaving ends it at once. A
        // caller whose token expires is refused from then on: its stream ends then too, as any request
        // would.
        const { expiresAt } = context.caller;
        const expiry =
          expiresAt === undefined
            ? undefined
            : { at: expiresAt, error: () => unauthenticated('The bearer token has expired.') };
        return context.polls.subscribe(target, expiry);
      },
      resolve: (event: PollEvent, args, context) => {
        if (event instanceof Error) throw event;
        const { id, kind } = watched(args.id, options);
        freshOperation(context);
        context.loaders.requests.prime(kind.request(id), event);
        // Pothos cannot resolve its result type for a generic Shape; `type` above ties the two.
        return kind.shape(id, event) as never;
      },
    }),
  );
}

/**
 * Each event reads afresh: fields below the object (its parent, its snapshot) must not be answered from
 * what an earlier event of this long-lived operation loaded, and their calls get the whole deadline from
 * now, not what is left of the subscription's first one.
 */
function freshOperation(context: GraphContext): void {
  const { upstream } = context;
  upstream.scope.callDeadline?.dispose();
  upstream.scope = {
    ...upstream.scope,
    deadline: Date.now() + upstream.deadlineMs,
    callDeadline: undefined,
  };
  context.loaders = createLoaders(upstream);
}
