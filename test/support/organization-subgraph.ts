import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLScalarType, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

/**
 * A second subgraph for the federation tests: an "organization" service, written the way another team
 * would write one (Apollo's own subgraph library, no Pothos, no code of ours). It owns organizations,
 * adds its own fields to our Project (keyed by `atlasId`), and references our Pipeline by its natural key,
 * which it cannot resolve itself (`resolvable: false`): the router fetches pipelines from Atlas Graph.
 */
export const ORGANIZATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  scalar ObjectId

  type Query {
    organizations: [Organization!]!
    organization(id: ID!): Organization
  }

  type Organization @key(fields: "id") {
    id: ID!
    name: String!
    projects: [Project!]!
    "Pipelines the organization's dashboard pins: references into Atlas Graph."
    pinnedPipelines: [Pipeline!]!
  }

  type Project @key(fields: "atlasId") {
    atlasId: ObjectId!
    "The project's display name, kept by the organization service."
    displayName: String!
    costCenter: String
    organization: Organization!
  }

  type Pipeline @key(fields: "project { atlasId } name", resolvable: false) {
    project: Project!
    name: String!
  }
`;

export interface OrganizationData {
  id: string;
  name: string;
  projects: { atlasId: string; displayName: string; costCenter?: string }[];
  pinnedPipelines: { projectId: string; name: string }[];
}

export interface OrganizationSubgraph {
  url: string;
  /** Every operation the router sent here, in order. */
  received: { query: string; variables?: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startOrganizationSubgraph(
  organizations: OrganizationData[],
): Promise<OrganizationSubgraph> {
  const projectById = new Map(
    organizations.flatMap((org) =>
      org.projects.map((project) => [project.atlasId, { ...project, org }] as const),
    ),
  );
  const orgShape = (org: OrganizationData) => ({ id: org.id, name: org.name, org });
  const schema = buildSubgraphSchema({
    typeDefs: parse(ORGANIZATION_SDL),
    resolvers: {
      ObjectId: new GraphQLScalarType({ name: 'ObjectId' }),
      Query: {
        organizations: () => organizations.map(orgShape),
        organization: (_: unknown, { id }: { id: string }) => {
          const org = organizations.find((candidate) => candidate.id === id);
          return org ? orgShape(org) : null;
        },
      },
      Organization: {
        __resolveReference: ({ id }: { id: string }) => {
          const org = organizations.find((candidate) => candidate.id === id);
          return org ? orgShape(org) : null;
        },
        projects: ({ org }: { org: OrganizationData }) => org.projects.map((p) => ({ ...p, org })),
        pinnedPipelines: ({ org }: { org: OrganizationData }) =>
          org.pinnedPipelines.map(({ projectId, name }) => ({
            __typename: 'Pipeline',
            project: { atlasId: projectId },
            name,
          })),
      },
      Pipeline: {
        project: ({ project }: { project: { atlasId: string } }) =>
          projectById.get(project.atlasId) ?? null,
      },
      Project: {
        __resolveReference: ({ atlasId }: { atlasId: string }) => projectById.get(atlasId) ?? null,
        organization: ({ org }: { org: OrganizationData }) => orgShape(org),
      },
    } as never,
  });

  const received: OrganizationSubgraph['received'] = [];
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    logging: false,
    plugins: [
      {
        onParams({ params }) {
          received.push({
            query: params.query ?? '',
            variables: params.variables as Record<string, unknown> | undefined,
          });
        },
      },
    ],
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
