import { useState } from 'react';
import { gql, useQuery } from 'urql';
import { ListTable, type Page } from './ListTable.tsx';
import { RESTORE_JOB_FIELDS, type RestoreJobRow } from './restore-job-fields.ts';
import { StartRestore } from './StartRestore.tsx';

const PAGE_SIZE = 5;

interface Snapshot {
  id: string;
  atlasId: string;
  createdAt: string | null;
  status: string | null;
  snapshotType: string | null;
  storageSizeBytes: string | number | null;
}
interface ExportJobRow {
  id: string;
  atlasId: string;
  state: string | null;
  createdAt: string | null;
}
interface BackupsData {
  project: {
    id: string;
    cluster: {
      id: string;
      name: string;
      state: string | null;
      pitEnabled: boolean | null;
      backupSchedule: {
        nextSnapshotAt: string | null;
        restoreWindowDays: number | null;
        policies: {
          items: {
            frequencyType: string | null;
            retentionValue: number | null;
            retentionUnit: string | null;
          }[];
        }[];
      } | null;
      snapshots: Page<Snapshot>;
      // Deferred: absent until the gateway sends the part holding them.
      restoreJobs?: Page<RestoreJobRow>;
      exportJobs?: Page<ExportJobRow>;
    };
  };
}
interface ClusterVariables {
  projectId: string;
  clusterName: string;
  first: number;
}
type PageVariables = ClusterVariables & { after: string | null };

const SNAPSHOT_FIELDS = 'id atlasId createdAt status snapshotType storageSizeBytes';
const EXPORT_JOB_FIELDS = 'id atlasId state createdAt';
const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage endCursor }';

// The schedule and the snapshots come in the first part of the answer; the job lists, each one more
// call to Atlas, follow in a deferred part, so the page shows the cluster without waiting for them.
const BACKUPS = gql<BackupsData, ClusterVariables>(`
  query DashboardClusterBackups($projectId: ObjectId!, $clusterName: String!, $first: Int!) {
    project(id: $projectId) {
      id
      cluster(name: $clusterName) {
        id
        name
        state
        pitEnabled
        backupSchedule {
          nextSnapshotAt
          restoreWindowDays
          policies { items { frequencyType retentionValue retentionUnit } }
        }
        snapshots(first: $first) { ${PAGE_FIELDS} nodes { ${SNAPSHOT_FIELDS} } }
        ... @defer {
          restoreJobs(first: $first) { ${PAGE_FIELDS} nodes { ${RESTORE_JOB_FIELDS} } }
          exportJobs(first: $first) { ${PAGE_FIELDS} nodes { ${EXPORT_JOB_FIELDS} } }
        }
      }
    }
  }
`);

/** A query for the page of one of the cluster's lists after a cursor: what "Load more" sends. */
const pageOf = (list: string, fields: string) =>
  gql<unknown, PageVariables>(`
    query DashboardCluster_${list}($projectId: ObjectId!, $clusterName: String!, $first: Int!, $after: String) {
      project(id: $projectId) {
        id
        cluster(name: $clusterName) { id ${list}(first: $first, after: $after) { ${PAGE_FIELDS} nodes { ${fields} } } }
      }
    }
  `);
const SNAPSHOTS_PAGE = pageOf('snapshots', SNAPSHOT_FIELDS);
const RESTORE_JOBS_PAGE = pageOf('restoreJobs', RESTORE_JOB_FIELDS);
const EXPORT_JOBS_PAGE = pageOf('exportJobs', EXPORT_JOB_FIELDS);

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–');

/** A cluster's backup schedule, snapshots, restore jobs and export jobs, and starting a restore. */
export function ClusterBackups(props: { projectId: string; clusterName: string }) {
  const variables = {
    projectId: props.projectId,
    clusterName: props.clusterName,
    first: PAGE_SIZE,
  };
  const [{ data, error, fetching }] = useQuery({ query: BACKUPS, variables });
  const [restoring, setRestoring] = useState<string | null>(null);
  const cluster = data?.project.cluster;
  if (!cluster)
    return (
      <section className="panel">
        {fetching ? <p>Loading…</p> : <p className="error">{error?.message}</p>}
      </section>
    );
  const schedule = cluster.backupSchedule;
  return (
    <section className="panel wide" aria-label="Backups">
      <h2>
        Backups of {cluster.name}{' '}
        <small>
          {cluster.state}
          {cluster.pitEnabled ? ' · continuous backup' : ''}
        </small>
      </h2>
      {error && <p className="error">{error.message}</p>}
      <p>
        {schedule
          ? `Next snapshot ${when(schedule.nextSnapshotAt)}; restore window ${schedule.restoreWindowDays ?? '–'} days; ` +
            `${schedule.policies.flatMap((policy) => policy.items).length} policy items.`
          : 'No backup schedule.'}
      </p>

      <ListTable
        title="Snapshots"
        page={cluster.snapshots}
        more={{ query: SNAPSHOTS_PAGE, variables }}
        columns={[
          { header: 'id', cell: (snapshot) => <code>{snapshot.atlasId}</code> },
          { header: 'taken', cell: (snapshot) => when(snapshot.createdAt) },
          { header: 'status', cell: (snapshot) => snapshot.status },
          { header: 'type', cell: (snapshot) => snapshot.snapshotType },
          { header: 'size', cell: (snapshot) => snapshot.storageSizeBytes ?? '–' },
          {
            header: '',
            cell: (snapshot) =>
              snapshot.status === 'COMPLETED' && (
                <button type="button" onClick={() => setRestoring(snapshot.atlasId)}>
                  Restore…
                </button>
              ),
          },
        ]}
      />

      {restoring && (
        <StartRestore
          key={restoring}
          {...variables}
          snapshotId={restoring}
          onClose={() => setRestoring(null)}
        />
      )}

      <ListTable
        title="Restore jobs"
        page={cluster.restoreJobs}
        more={{ query: RESTORE_JOBS_PAGE, variables }}
        columns={[
          { header: 'id', cell: (job) => <code>{job.atlasId}</code> },
          { header: 'status', cell: (job) => job.status },
          { header: 'delivery', cell: (job) => job.deliveryType },
          { header: 'snapshot', cell: (job) => <code>{job.snapshotId}</code> },
          { header: 'target', cell: (job) => job.targetName ?? '–' },
          { header: 'finished', cell: (job) => when(job.finishedAt) },
        ]}
      />

      <ListTable
        title="Export jobs"
        page={cluster.exportJobs}
        more={{ query: EXPORT_JOBS_PAGE, variables }}
        columns={[
          { header: 'id', cell: (job) => <code>{job.atlasId}</code> },
          { header: 'state', cell: (job) => job.state },
          { header: 'created', cell: (job) => when(job.createdAt) },
        ]}
      />
    </section>
  );
}
