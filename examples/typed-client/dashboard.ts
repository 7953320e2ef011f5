import { ProjectDashboardDocument } from './generated/graphql.ts';
import { request } from './request.ts';

/**
 * A screen's data, typed end to end: the names of a project's pipelines with the state of each one's
 * newest run. Renaming a field in schema/operations/ProjectDashboard.graphql without `npm run codegen`
 * fails `npm run typecheck` here.
 */
export async function pipelineStates(
  url: string,
  projectId: string,
  options?: Parameters<typeof request>[3],
): Promise<{ pipeline: string; newestRun: string | null }[]> {
  const { data, errors } = await request(url, ProjectDashboardDocument, { projectId }, options);
  if (errors?.length) throw new Error(errors.map((error) => error.message).join('; '));
  return (data?.project?.pipelines.nodes ?? []).map((pipeline) => ({
    pipeline: pipeline.name,
    newestRun: pipeline.runs.nodes[0]?.state ?? null,
  }));
}
