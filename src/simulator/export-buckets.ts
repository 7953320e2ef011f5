/**
 * Snapshot export buckets. Version 2024-05-30 lists every provider, each shaped by `cloudProvider`;
 * the deprecated 2023-01-01 knows only AWS buckets, so it neither lists nor finds the others (404).
 */
import { notFound } from './errors.ts';
import { EXPORT_BUCKETS_2023_NOTICE, V2023_01_01, V2024_05_30 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  type Operation,
  type OperationContext,
  pathParam,
  projectInContext,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import type { ExportBucket, Project } from './store.ts';

const BUCKETS = `${GROUP_PREFIX}/backup/exportBuckets`;

function renderBucket(context: OperationContext, project: Project, bucket: ExportBucket) {
  const {
    id,
    bucketName,
    cloudProvider,
    iamRoleId,
    region,
    requirePrivateNetworking,
    roleId,
    serviceUrl,
    tenantId,
  } = bucket;
  const links = selfLinks(
    context.origin,
    `/api/atlas/v2/groups/${project.id}/backup/exportBuckets/${id}`,
  );
  const base = { _id: id, bucketName, cloudProvider, links };
  switch (cloudProvider) {
    case 'AWS':
      return { ...base, iamRoleId, region, requirePrivateNetworking };
    case 'GCP':
      return { ...base, roleId };
    case 'AZURE':
      return { ...base, roleId, serviceUrl, tenantId };
  }
}

export function exportBucketNotFound(project: Project, id: string) {
  return notFound(
    'EXPORT_BUCKET_NOT_FOUND',
    `No export bucket with ID ${id} exists in group ${project.id}.`,
    id,
  );
}

function visibleBuckets(context: OperationContext, project: Project): ExportBucket[] {
  return context.mediaType === V2023_01_01
    ? project.exportBuckets.filter((bucket) => bucket.cloudProvider === 'AWS')
    : project.exportBuckets;
}

const common = {
  mediaTypes: [V2023_01_01, V2024_05_30],
  deprecatedVersions: { [V2023_01_01]: EXPORT_BUCKETS_2023_NOTICE },
} as const;

export const exportBucketOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupBackupExportBuckets',
    method: 'GET',
    path: BUCKETS,
    handle: (context) => {
      const project = projectInContext(context);
      return paginate(context, visibleBuckets(context, project), (bucket) =>
        renderBucket(context, project, bucket),
      );
    },
  },
  {
    ...common,
    operationId: 'getGroupBackupExportBucket',
    method: 'GET',
    path: `${BUCKETS}/{exportBucketId}`,
    handle: (context) => {
      const project = projectInContext(context);
      const id = pathParam(context, 'exportBucketId');
      const bucket = visibleBuckets(context, project).find((candidate) => candidate.id === id);
      if (!bucket) throw exportBucketNotFound(project, id);
      return entity(renderBucket(context, project, bucket));
    },
  },
];
