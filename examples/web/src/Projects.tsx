import { gql, useQuery } from 'urql';
import type { ProjectChoice } from './App.tsx';
import { LoadMore, type PageInfo } from './LoadMore.tsx';

const PAGE_SIZE = 5;

interface ProjectsData {
  projects: {
    totalCount: number;
    pageInfo: PageInfo;
    nodes: { id: string; atlasId: string; name: string | null; clusterCount: number | null }[];
  };
}
interface ProjectsVariables {
  first: number;
  after: string | null;
}

const PROJECTS = gql<ProjectsData, ProjectsVariables>`
  query DashboardProjects($first: Int!, $after: String) {
    projects(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id atlasId name clusterCount }
    }
  }
`;

/** The projects the gateway's credential (or the caller's JWT) may use. */
export function Projects(props: {
  selected: string | null;
  onOpen: (project: ProjectChoice) => void;
}) {
  const [{ data, error, fetching }] = useQuery({
    query: PROJECTS,
    variables: { first: PAGE_SIZE, after: null },
  });
  return (
    <section className="panel" aria-label="Projects">
      <h2>Projects {data && <small>({data.projects.totalCount})</small>}</h2>
      {fetching && !data && <p>Loading…</p>}
      {error && <p className="error">{error.message}</p>}
      <ul className="list">
        {data?.projects.nodes.map((project) => (
          <li key={project.id}>
            <button
              type="button"
              className={project.atlasId === props.selected ? 'chosen' : undefined}
              onClick={() =>
                props.onOpen({ atlasId: project.atlasId, name: project.name ?? project.atlasId })
              }
            >
              {project.name ?? project.atlasId}
              <small>{project.clusterCount ?? '?'} clusters</small>
            </button>
          </li>
        ))}
      </ul>
      <LoadMore
        query={PROJECTS}
        variables={{ first: PAGE_SIZE }}
        pageInfo={data?.projects.pageInfo}
      />
    </section>
  );
}
