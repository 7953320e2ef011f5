import { type FormEvent, useState } from 'react';
import { gql, useMutation } from 'urql';
import { RestoreWatch } from './RestoreWatch.tsx';
import { RESTORE_JOB_FIELDS, type RestoreJobRow } from './restore-job-fields.ts';

type Outcome =
  | { __typename: 'CreateClusterRestoreJobSuccess'; restoreJob: RestoreJobRow }
  | { __typename: string; message: string };

interface RestoreData {
  createClusterRestoreJob: Outcome;
}
interface RestoreVariables {
  input: {
    projectId: string;
    clusterName: string;
    snapshotId: string;
    deliveryType: 'DOWNLOAD' | 'RESTORE';
    targetProjectId?: string;
    targetClusterName?: string;
  };
  first: number;
}

// The answer carries the cluster's first page of restore jobs again, so the list shows the new job
// without a query of its own; the watch below then keeps its status current in the cache.
const CREATE_RESTORE = gql<RestoreData, RestoreVariables>(`
  mutation DashboardCreateRestore($input: CreateClusterRestoreJobInput!, $first: Int!) {
    createClusterRestoreJob(input: $input) {
      __typename
      ... on CreateClusterRestoreJobSuccess {
        restoreJob { ${RESTORE_JOB_FIELDS} }
        cluster {
          id
          restoreJobs(first: $first) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { ${RESTORE_JOB_FIELDS} }
          }
        }
      }
      ... on MutationError { message }
    }
  }
`);

/** Restores one snapshot: a download of it, or into a cluster of the same project (its data replaced). */
export function StartRestore(props: {
  projectId: string;
  clusterName: string;
  first: number;
  snapshotId: string;
  onClose: () => void;
}) {
  const [deliveryType, setDeliveryType] = useState<'DOWNLOAD' | 'RESTORE'>('DOWNLOAD');
  const [target, setTarget] = useState('');
  const [result, createRestore] = useMutation(CREATE_RESTORE);
  const outcome = result.data?.createClusterRestoreJob;

  function submit(event: FormEvent) {
    event.preventDefault();
    const into =
      deliveryType === 'RESTORE'
        ? { targetProjectId: props.projectId, targetClusterName: target }
        : {};
    void createRestore({
      input: {
        projectId: props.projectId,
        clusterName: props.clusterName,
        snapshotId: props.snapshotId,
        deliveryType,
        ...into,
      },
      first: props.first,
    });
  }

  if (outcome && 'restoreJob' in outcome)
    return (
      <RestoreWatch
        id={outcome.restoreJob.id}
        atlasId={outcome.restoreJob.atlasId}
        onClose={props.onClose}
      />
    );
  return (
    <form className="restore" aria-label="Start a restore" onSubmit={submit}>
      <h3>
        Restore snapshot <code>{props.snapshotId}</code>
      </h3>
      <label>
        Delivery{' '}
        <select
          value={deliveryType}
          onChange={(event) => setDeliveryType(event.target.value as 'DOWNLOAD' | 'RESTORE')}
        >
          <option value="DOWNLOAD">Download</option>
          <option value="RESTORE">Restore into a cluster</option>
        </select>
      </label>
      {deliveryType === 'RESTORE' && (
        <label>
          Target cluster{' '}
          <input required value={target} onChange={(event) => setTarget(event.target.value)} />
        </label>
      )}
      <button type="submit" disabled={result.fetching}>
        Start restore
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
      {result.error && <p className="error">{result.error.message}</p>}
      {outcome && 'message' in outcome && (
        <p className="error">
          {outcome.__typename}: {outcome.message}
        </p>
      )}
    </form>
  );
}
