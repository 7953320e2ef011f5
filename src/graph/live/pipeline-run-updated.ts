import { type AtlasPipelineRun, getPipelineRun } from '../../atlas/pipelines.ts';
import { unauthenticated, userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import { createLoaders } from '../loaders/index.ts';
import { decodeGlobalId } from '../relay/global-id.ts';
import { PipelineRunRef } from '../types/refs.ts';
import { runShape } from '../types/shapes.ts';
import type { RunEvent } from './run-poll-hub.ts';

/** The run a `pipelineRunUpdated` argument names: BAD_USER_INPUT for anything but a run's global ID. */
function watchedRun(id: string | number) {
  const decoded = decodeGlobalId(String(id), 'id');
  if (decoded.type !== 'PipelineRun')
    throw userInputError('"id" is not the global ID of a pipeline run.', 'id');
  const [pipelineName, runId] = decoded.keys as [string, string];
  return { groupId: decoded.groupId, pipelineName, runId };
}

builder.subscriptionFields((t) => ({
  pipelineRunUpdated: t.field({
    type: PipelineRunRef,
    nullable: false,
    description:
      'A run as it is now, then again whenever its state, phase or stats change; the stream ends after DONE, FAILED or DATASET_DELETED. ' +
      "Takes the run's global ID. The gateway polls Atlas once per run however many clients watch it.",
    args: {
      id: t.arg.id({ required: true, description: "The run's global ID (`PipelineRun.id`)." }),
    },
    subscribe: (_, args, context) => {
      const { groupId, pipelineName, runId } = watchedRun(args.id);
      const request = getPipelineRun(groupId, pipelineName, runId);
      // Polls outlive this request: they carry its credential but not its abort signal or deadline.
      const { client, scope } = context.upstream;
      const authenticator = scope.authenticator;
      const key = JSON.stringify([
        (authenticator ?? client.authenticator).credentialKey,
        groupId,
        pipelineName,
        runId,
      ]);
      // The hub's own iterator goes to Yoga unwrapped, so that a client leaving ends it at once. A caller
      // whose token expires is refused from then on: its stream ends then too, as any request would.
      const { expiresAt } = context.caller;
      const expiry =
        expiresAt === undefined
          ? undefined
          : { at: expiresAt, error: () => unauthenticated('The bearer token has expired.') };
      return context.runPolls.subscribe(
        key,
        (pollScope) => client.call<AtlasPipelineRun>(request, { ...pollScope, authenticator }),
        expiry,
      );
    },
    resolve: (event: RunEvent, args, context) => {
      if (event instanceof Error) throw event;
      const { groupId, pipelineName } = watchedRun(args.id);
      // Each event reads afresh: fields below the run (its pipeline, its snapshot) must not be answered
      // from what an earlier event of this long-lived operation loaded, and their calls get the whole
      // deadline from now, not what is left of the subscription's first one.
      const { upstream } = context;
      upstream.scope.callDeadline?.dispose();
      upstream.scope = {
        ...upstream.scope,
        deadline: Date.now() + upstream.deadlineMs,
        callDeadline: undefined,
      };
      context.loaders = createLoaders(upstream);
      if (event._id)
        context.loaders.requests.prime(getPipelineRun(groupId, pipelineName, event._id), event);
      return runShape(groupId, pipelineName, event);
    },
  }),
}));
