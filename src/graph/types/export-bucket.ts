import { type AtlasExportBucket, exportBuckets } from '../../atlas/export-buckets.ts';
import { builder } from '../builder.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { connectionType } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { ProjectRef } from './refs.ts';
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
      resolve: (bucket) => upstreamId(bucket._id, 'an export bucket'),
    }),
    bucketName: t.exposeString('bucketName'),
    cloudProvider: t.field({
      type: CloudProvider.ref,
      resolve: (bucket, _, c) => CloudProvider.known(bucket.cloudProvider, c),
    }),
    iamRoleId: t.expose('iamRoleId', {
      type: 'ObjectId',
      description: 'AWS: the IAM role Atlas assumes.',
    }),
    region: t.exposeString('region', {
      description: 'AWS: the bucket region.',
    }),
    requirePrivateNetworking: t.exposeBoolean('requirePrivateNetworking', {
      description: 'AWS: exports go over private networking.',
    }),
    roleId: t.expose('roleId', {
      type: 'ObjectId',
      description: 'GCP and Azure: the role Atlas uses.',
    }),
    serviceUrl: t.exposeString('serviceUrl', {
      description: 'Azure: the storage service URL.',
    }),
    tenantId: t.exposeString('tenantId', {
      description: 'Azure: the tenant (a UUID).',
    }),
  }),
});

const ExportBucketConnection = connectionType('ExportBucket', ExportBucketRef);

// Added here, not in types/project.ts: it follows Project's own fields in the subgraph SDL.
builder.objectField(ProjectRef, 'exportBuckets', (t) =>
  connectionField(t, {
    type: ExportBucketConnection,
    description: "The project's snapshot export buckets, as Atlas orders them.",
    list: (project) => exportBuckets(project.groupId),
  }),
);
