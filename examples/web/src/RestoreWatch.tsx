import { gql, useSubscription } from 'urql';

interface WatchData {
  restoreJobUpdated: { __typename: string; id: string; status: string; finishedAt: string | null };
}

// Over the graphql-ws WebSocket (src/client.ts): the job as it is now, then each change, until a final
// status. The cache stores each event under the job's id, so the restore job list shows it too.
const WATCH_RESTORE = gql<WatchData, { id: string }>`
  subscription DashboardRestoreJobUpdated($id: ID!) {
    restoreJobUpdated(id: $id) { __typename id status finishedAt }
  }
`;

/** A started restore's status, live, with every status it went through. */
export function RestoreWatch(props: { id: string; atlasId: string; onClose: () => void }) {
  const [{ data, error }] = useSubscription<WatchData, string[]>(
    { query: WATCH_RESTORE, variables: { id: props.id } },
    (seen = [], event) => {
      const status = event.restoreJobUpdated.status;
      return seen.at(-1) === status ? seen : [...seen, status];
    },
  );
  return (
    <section className="restore" aria-label="Restore progress">
      <h3>
        Restore <code>{props.atlasId}</code>: <output>{data?.at(-1) ?? 'starting'}</output>
      </h3>
      <p>{data?.join(' → ')}</p>
      {error && <p className="error">{error.message}</p>}
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </section>
  );
}
