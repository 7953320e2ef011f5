import DataLoader from 'dataloader';
import { AtlasCallError, isMissingObject } from '../../atlas/errors.ts';
import { type AtlasPipeline, getPipeline, listPipelines } from '../../atlas/pipelines.ts';
import type { RequestLoader } from './request-loader.ts';

interface PipelineKey {
  groupId: string;
  name: string;
}

/**
 * Pipelines by name. Atlas has no batch lookup, but its pipeline list is unpaged: one name costs one GET,
 * several names of one project in one batch (`nodes`, `_entities`) cost the one list call instead, and a
 * list already under way in this operation answers every name at no cost. Unknown names are `null`.
 */
export class PipelineLoader {
  private readonly loader: DataLoader<PipelineKey, AtlasPipeline | null, string>;

  private readonly requests: RequestLoader;

  constructor(requests: RequestLoader) {
    this.requests = requests;
    this.loader = new DataLoader((keys) => this.loadBatch(keys), {
      cacheKeyFn: (key) => JSON.stringify([key.groupId, key.name]),
    });
  }

  load(groupId: string, name: string): Promise<AtlasPipeline | null> {
    return this.loader.load({ groupId, name });
  }

  /** The project's whole pipeline list, fetched once per operation; it primes every by-name lookup. */
  async list(groupId: string): Promise<AtlasPipeline[]> {
    const request = listPipelines(groupId);
    const fresh = !this.requests.has(request);
    const pipelines = await this.requests.load<unknown>(request);
    if (
      !Array.isArray(pipelines) ||
      !pipelines.every((item) => typeof item === 'object' && item !== null)
    ) {
      throw new AtlasCallError(
        'UPSTREAM_BAD_RESPONSE',
        'Atlas answered listGroupPipelines without an array.',
      );
    }
    if (fresh) {
      for (const pipeline of pipelines as AtlasPipeline[]) {
        if (typeof pipeline.name === 'string')
          this.requests.prime(getPipeline(groupId, pipeline.name), pipeline);
      }
    }
    return pipelines as AtlasPipeline[];
  }

  forget(): void {
    this.loader.clearAll();
  }

  private async loadBatch(keys: readonly PipelineKey[]): Promise<(AtlasPipeline | null | Error)[]> {
    const namesByGroup = new Map<string, Set<string>>();
    for (const { groupId, name } of keys)
      namesByGroup.set(groupId, (namesByGroup.get(groupId) ?? new Set()).add(name));
    const listed = new Map<string, Promise<AtlasPipeline[]>>();
    for (const [groupId, names] of namesByGroup) {
      if (names.size > 1 || this.requests.has(listPipelines(groupId)))
        listed.set(groupId, this.list(groupId));
    }
    return Promise.all(
      keys.map(async ({ groupId, name }) => {
        try {
          const list = listed.get(groupId);
          if (list) return (await list).find((pipeline) => pipeline.name === name) ?? null;
          return await this.requests.load<AtlasPipeline>(getPipeline(groupId, name));
        } catch (error) {
          return isMissingObject(error) && !listed.has(groupId) ? null : (error as Error);
        }
      }),
    );
  }
}
