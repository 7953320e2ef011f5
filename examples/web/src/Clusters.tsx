import { gql, useQuery } from 'urql';
import type { ProjectChoice } from './App.tsx';
import { LoadMore, type PageInfo } from './LoadMore.tsx';

const PAGE_SIZE = 5;

interface ClustersData {
  project: {
    id: string;
    clusters: {
      totalCount: number;
      pageInfo: PageInfo;
      nodes: {
        id: string;
        name: string;
        state: string | null;
        clusterType: string | null;
        mongoDBVersion: string | null;
        backupEnabled: boolean | null;
      }[];
    };
  };
}
interface ClustersVariables {
  projectId: string;
  first: number;
  after: string | null;
}

const CLUSTERS = gql<ClustersData, ClustersVariables>`
  query DashboardClusters($projectId: ObjectId!, $first: Int!, $after: String) {
    project(id: $projectId) {
      id
      clusters(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id name state clusterType mongoDBVersion backupEnabled }
      }
    }
  }
`;

/** A project's dedicated clusters. */
export function Clusters(props: {
  project: ProjectChoice;
  selected: string | null;
  onOpen: (clusterName: string) => void;
}) {
  const projectId = props.project.atlasId;
  const [{ data, error, fetching }] = useQuery({
    query: CLUSTERS,
    variables: { projectId, first: PAGE_SIZE, after: null },
  });
  const clusters = data?.project.clusters;
  return (
    <section className="panel" aria-label="Clusters">
      <h2>
        Clusters of {props.project.name} {clusters && <small>({clusters.totalCount})</small>}
      </h2>
      {fetching && !data && <p>Loading…</p>}
      {error && <p className="error">{error.message}</p>}
      <ul className="list">
        {clusters?.nodes.map((cluster) => (
          <li key={cluster.id}>
            <button
              type="button"
              className={cluster.name === props.selected ? 'chosen' : undefined}
              onClick={() => props.onOpen(cluster.name)}
            >
              {cluster.name}
              <small>
                {cluster.state} · {cluster.clusterType} · MongoDB {cluster.mongoDBVersion}
                {cluster.backupEnabled ? ' · backup' : ''}
              </small>
            </button>
          </li>
        ))}
      </ul>
      <LoadMore
        query={CLUSTERS}
        variables={{ projectId, first: PAGE_SIZE }}
        pageInfo={clusters?.pageInfo}
      />
    </section>
  );
}
