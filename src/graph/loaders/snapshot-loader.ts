import DataLoader from 'dataloader';
import type { UpstreamPage } from '../../atlas/collection.ts';
import { isMissingObject } from '../../atlas/errors.ts';
import { isObjectId } from '../../atlas/paths.ts';
import { type AtlasRequest, queryString } from '../../atlas/request.ts';
import {
  type AtlasClusterSnapshot,
  clusterSnapshots,
  getClusterSnapshot,
} from '../../atlas/snapshots.ts';
import type { RequestLoader } from './request-loader.ts';

interface SnapshotKey {
  groupId: string;
  clusterName: string;
  snapshotId: string;
}

/**
 * Atlas's default page: the snapshots runs and exports name are mostly recent, so one page of the
 * newest usually holds every one a screen asks for, at the cost of one call instead of one per id.
 */
const NEWEST_PAGE_SIZE = 100;

/**
 * Cluster snapshots by id, for `PipelineRun.snapshot` and `ExportJob.snapshot`. Atlas has no batch
 * lookup: one id costs one GET (none when a list of this operation held it); several ids of one cluster
 * in one batch cost one page of the cluster's newest snapshots, plus one GET per id older than that
 * page. A snapshot gone upstream (expired) is null.
 */
export class SnapshotLoader {
  private readonly loader: DataLoader<SnapshotKey, AtlasClusterSnapshot | null, string>;

  private readonly requests: RequestLoader;

  constructor(requests: RequestLoader) {
    this.requests = requests;
    this.loader = new DataLoader((keys) => this.loadBatch(keys), {
      cacheKeyFn: (key) => JSON.stringify([key.groupId, key.clusterName, key.snapshotId]),
    });
  }

  load(
    groupId: string,
    clusterName: string,
    snapshotId: string,
  ): Promise<AtlasClusterSnapshot | null> {
    return this.loader.load({ groupId, clusterName, snapshotId });
  }

  private async loadBatch(
    keys: readonly SnapshotKey[],
  ): Promise<(AtlasClusterSnapshot | null | Error)[]> {
    const idsByCluster = new Map<string, Set<string>>();
    for (const key of keys) {
      const cluster = JSON.stringify([key.groupId, key.clusterName]);
      idsByCluster.set(cluster, (idsByCluster.get(cluster) ?? new Set()).add(key.snapshotId));
    }
    const pages = new Map<string, Promise<void>>();
    for (const [cluster, ids] of idsByCluster) {
      const [groupId, clusterName] = JSON.parse(cluster) as [string, string];
      // An id from Atlas that breaks the pattern fails its own key below, not the whole batch.
      const lookups = [...ids]
        .filter(isObjectId)
        .map((id) => getClusterSnapshot(groupId, clusterName, id));
      if (ids.size > 1 && !lookups.every((lookup) => this.requests.has(lookup))) {
        pages.set(cluster, this.primeFromNewestPage(groupId, clusterName));
      }
    }
    return Promise.all(
      keys.map(async ({ groupId, clusterName, snapshotId }) => {
        // A failed page is no answer: each id then falls back to its own GET.
        await pages.get(JSON.stringify([groupId, clusterName]))?.catch(() => undefined);
        try {
          return await this.requests.load<AtlasClusterSnapshot>(
            getClusterSnapshot(groupId, clusterName, snapshotId),
          );
        } catch (error) {
          return isMissingObject(error) ? null : (error as Error);
        }
      }),
    );
  }

  private async primeFromNewestPage(groupId: string, clusterName: string): Promise<void> {
    const collection = clusterSnapshots(groupId, clusterName);
    const page: AtlasRequest = {
      operation: collection.operation,
      method: 'GET',
      path: collection.path,
      query: queryString({ pageNum: 1, itemsPerPage: NEWEST_PAGE_SIZE, includeCount: false }),
      accept: collection.accept,
    };
    const answer = await this.requests.load<UpstreamPage<AtlasClusterSnapshot>>(page);
    for (const snapshot of Array.isArray(answer?.results) ? answer.results : []) {
      const lookup = collection.itemRequest?.(snapshot as Record<string, unknown>);
      if (lookup && !this.requests.has(lookup)) this.requests.prime(lookup, snapshot);
    }
  }
}
