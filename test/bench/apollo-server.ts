/**
 * The bench's memory baseline: the dashboard operation written the usual way, a plain Apollo Server
 * (standalone) with a RESTDataSource per request, over the same upstream. Run by memory.ts with the
 * probe preloaded; reports its port to the parent over IPC. Only what the bench's dashboard asks is
 * modelled (`ProjectDashboard`, schema/operations/).
 */
import { RESTDataSource } from '@apollo/datasource-rest';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const ACCEPT = 'application/vnd.atlas.2023-01-01+json';
const upstream = process.env.BENCH_UPSTREAM_URL ?? '';

const typeDefs = `#graphql
  scalar ObjectId
  type Query { project(id: ObjectId!): Project }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Project { id: ID! atlasId: String! pipelines(first: Int = 10): PipelineConnection! }
  type PipelineConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Pipeline!]! }
  type Source { type: String clusterName: String databaseName: String collectionName: String }
  type Pipeline {
    id: ID!
    name: String!
    state: String!
    source: Source
    runs(first: Int = 10): RunConnection!
  }
  type RunConnection { pageInfo: PageInfo! nodes: [Run!]! }
  type Stats { bytesExported: Float numDocs: Float }
  type Run { id: ID! state: String! phase: String createdDate: String stats: Stats }
`;

interface Pipeline {
  _id: string;
  groupId: string;
  name: string;
  state: string;
  source?: Record<string, unknown>;
}
interface Run {
  _id: string;
  state: string;
  phase?: string;
  createdDate?: string;
  stats?: Record<string, unknown>;
}

class AtlasApi extends RESTDataSource {
  override baseURL = `${upstream}/api/atlas/v2/`;

  pipelines(groupId: string): Promise<Pipeline[]> {
    return this.get(`groups/${groupId}/pipelines`, { headers: { accept: ACCEPT } });
  }

  runs(groupId: string, pipeline: string, first: number): Promise<{ results: Run[] }> {
    return this.get(`groups/${groupId}/pipelines/${encodeURIComponent(pipeline)}/runs`, {
      headers: { accept: ACCEPT },
      params: { pageNum: '1', itemsPerPage: String(first), includeCount: 'false' },
    });
  }
}

interface Context {
  atlas: AtlasApi;
}
const pageInfo = { hasNextPage: false, endCursor: null };

const resolvers = {
  Query: { project: (_: unknown, { id }: { id: string }) => ({ id, atlasId: id }) },
  Project: {
    pipelines: async (
      project: { atlasId: string },
      { first }: { first: number },
      { atlas }: Context,
    ) => {
      const all = await atlas.pipelines(project.atlasId);
      return { totalCount: all.length, pageInfo, nodes: all.slice(0, first) };
    },
  },
  Pipeline: {
    id: (pipeline: Pipeline) => pipeline._id,
    runs: async (pipeline: Pipeline, { first }: { first: number }, { atlas }: Context) => ({
      pageInfo,
      nodes: (await atlas.runs(pipeline.groupId, pipeline.name, first)).results,
    }),
  },
  Run: { id: (run: Run) => run._id },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async () => ({ atlas: new AtlasApi() }),
});
process.send?.({ port: Number(new URL(url).port) });
process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
