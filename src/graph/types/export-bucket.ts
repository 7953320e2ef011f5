import { exportBuckets, type AtlasExportBucket } from '../../atlas/export-buckets.ts';
import { UpstreamError } from '../../atlas/errors.ts';
import { builder } from '../builder.ts';
import { connectionArgs, connectionType, resolveConnection } from '../relay/connection.ts';
import { collectionSource } from '../relay/connection-sources.ts';
import { ProjectRef } from './project.ts';
import { CloudProvider } from './snapshot.ts';

/** One type for the three providers: `cloudProvider` says which of the provider fields are set. */
export const ExportBucketRef = builder.objectRef<AtlasExportBucket>('ExportBucket').implement({
  description:
    'Where snapshot export jobs write (an S3 bucket, a GCS bucket or an Azure Blob container).',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      description: 'What `createExportJob` takes as `exportBucketId`.',
      resolve: (bucket) => {
        if (!bucket._id)
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            'Atlas returned an export bucket without an id.',
          );
        return bucket._id;
      },
    }),
    bucketName: t.string({ resolve: (bucket) => bucket.bucketName ?? null }),
    cloudProvider: t.field({
      type: CloudProvider.ref,
      resolve: (bucket, _, c) => CloudProvider.known(bucket.cloudProvider, c),
    }),
    iamRoleId: t.field({
      type: 'ObjectId',
      description: 'AWS: the IAM role Atlas assumes.',
      resolve: (bucket) => bucket.iamRoleId ?? null,
    }),
    region: t.string({
      description: 'AWS: the bucket region.',
      resolve: (bucket) => bucket.region ?? null,
    }),
    requirePrivateNetworking: t.boolean({
      description: 'AWS: exports go over private networking.',
      resolve: (bucket) => bucket.requirePrivateNetworking ?? null,
    }),
    roleId: t.field({
      type: 'ObjectId',
      description: 'GCP and Azure: the role Atlas uses.',
      resolve: (bucket) => bucket.roleId ?? null,
    }),
    serviceUrl: t.string({
      description: 'Azure: the storage service URL.',
      resolve: (bucket) => bucket.serviceUrl ?? null,
    }),
    tenantId: t.string({
      description: 'Azure: the tenant (a UUID).',
      resolve: (bucket) => bucket.tenantId ?? null,
    }),
  }),
});

const ExportBucketConnection = connectionType('ExportBucket', ExportBucketRef);

builder.objectField(ProjectRef, 'exportBuckets', (t) =>
  t.field({
    type: ExportBucketConnection,
    nullable: false,
    description: "The project's snapshot export buckets, as Atlas orders them.",
    args: connectionArgs(t.arg),
    resolve: (project, args, context, info) =>
      resolveConnection(
        args,
        info,
        collectionSource<AtlasExportBucket>(exportBuckets(project.groupId), context),
        (raw) => raw,
      ),
  }),
);
