import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import {
  type OrganizationSubgraph,
  startOrganizationSubgraph,
} from '../support/organization-subgraph.ts';

/**
 * Atlas Graph inside a federated graph, end to end: our subgraph and an independent "organization"
 * subgraph are composed by Apollo's composition library, and Apollo Gateway (hosted by Apollo Server,
 * in-process on a loopback port) plans and runs queries that cross both, over HTTP to each subgraph.
 */

let h: Harness;
let org: OrganizationSubgraph;
let router: { url: string; stop(): Promise<void> };
let supergraphSdl: string;

const p = SEED.projectId;
const group = `/groups/${p}`;
const PINNED = [SEED.pipelines.small, SEED.pipelines.paused, SEED.pipelines.special];

async function serviceSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data: { _service: { sdl: string } } };
  return body.data._service.sdl;
}

async function query(document: string, variables?: Record<string, unknown>) {
  const response = await fetch(router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: any[] },
  };
}

beforeAll(async () => {
  h = await startHarness();
  org = await startOrganizationSubgraph([
    {
      id: 'org-1',
      name: 'Acme Data',
      projects: [{ atlasId: p, displayName: 'Acme production', costCenter: 'CC-42' }],
      pinnedPipelines: PINNED.map((name) => ({ projectId: p, name })),
    },
    {
      id: 'org-2',
      name: 'Acme Labs',
      projects: [{ atlasId: SEED.emptyProjectId, displayName: 'Sandbox' }],
      pinnedPipelines: [],
    },
  ]);

  // As a router's build step would: each subgraph's SDL from `_service`, composed into a supergraph.
  const atlasUrl = `${h.gateway.url}/graphql`;
  const composition = composeServices([
    { name: 'atlas', typeDefs: parse(await serviceSdl(atlasUrl)), url: atlasUrl },
    { name: 'organization', typeDefs: parse(await serviceSdl(org.url)), url: org.url },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composition.supergraphSdl;

  const gateway = new ApolloGateway({
    supergraphSdl,
    // Node's own fetch: no proxy settings from the environment apply on loopback.
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: fetch as never }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  router = { url, stop: () => server.stop() };
});

afterAll(async () => {
  await router?.stop();
  await org?.close();
  await h?.close();
});

beforeEach(() => {
  h.resetUpstream();
  org.received.length = 0;
});

describe('composition', () => {
  it('joins both subgraphs: Project owned by both, Pipeline referenced by the organization service', () => {
    expect(supergraphSdl).toContain('@join__type(graph: ATLAS, key: "atlasId")');
    expect(supergraphSdl).toContain('@join__type(graph: ORGANIZATION, key: "atlasId")');
    expect(supergraphSdl).toContain('@join__type(graph: ATLAS, key: "project { atlasId } name")');
    expect(supergraphSdl).toContain(
      '@join__type(graph: ORGANIZATION, key: "project { atlasId } name", resolvable: false)',
    );
  });
});

describe('queries through the federation gateway', () => {
  it("organization -> Atlas: an organization's projects with their pipelines from Atlas", async () => {
    const { status, body } = await query(
      `query($id: ID!) { organization(id: $id) {
        name
        projects { atlasId displayName costCenter pipelines(first: 2) { totalCount nodes { name state } } }
      } }`,
      { id: 'org-1' },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.organization).toEqual({
      name: 'Acme Data',
      projects: [
        {
          atlasId: p,
          displayName: 'Acme production',
          costCenter: 'CC-42',
          pipelines: {
            totalCount: SEED.pipelines.all.length,
            nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name, state: 'ACTIVE' })),
          },
        },
      ],
    });
    // The Project entity costs nothing: the one call is the pipeline list.
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines`]);
  });

  it('organization -> Atlas -> organization: pinned pipelines cost one list call for the three, then their runs', async () => {
    const { body } = await query(
      `query($id: ID!) { organization(id: $id) {
        pinnedPipelines {
          name
          state
          project { atlasId displayName organization { name } }
          runs(first: 1) { nodes { atlasId state } }
        }
      } }`,
      { id: 'org-1' },
    );
    expect(body.errors).toBeUndefined();
    const pinned = body.data.organization.pinnedPipelines;
    expect(pinned.map((pipeline: any) => [pipeline.name, pipeline.state])).toEqual([
      [SEED.pipelines.small, 'ACTIVE'],
      [SEED.pipelines.paused, 'PAUSED'],
      [SEED.pipelines.special, 'ACTIVE'],
    ]);
    expect(pinned[0].project).toEqual({
      atlasId: p,
      displayName: 'Acme production',
      organization: { name: 'Acme Data' },
    });
    expect(pinned[0].runs.nodes[0].atlasId).toBe(SEED.runs.smallNewest);
    // Three Pipeline representations in one `_entities` fetch: one list call, never three GETs by name.
    const upstream = calls(h.upstream());
    expect(upstream.filter((call) => !call.includes('/runs'))).toEqual([`GET ${group}/pipelines`]);
    expect(upstream.filter((call) => call.includes('/runs'))).toHaveLength(PINNED.length);
  });

  it("Atlas -> organization: a project from Atlas with the organization's fields", async () => {
    const { body } = await query(
      `query($p: ObjectId!, $name: String!) { project(id: $p) {
        atlasId
        displayName
        organization { id name }
        pipeline(name: $name) { name state project { costCenter } }
      } }`,
      { p, name: SEED.pipelines.small },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.project).toEqual({
      atlasId: p,
      displayName: 'Acme production',
      organization: { id: 'org-1', name: 'Acme Data' },
      pipeline: { name: SEED.pipelines.small, state: 'ACTIVE', project: { costCenter: 'CC-42' } },
    });
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines/${SEED.pipelines.small}`]);
    expect(org.received.some((operation) => operation.query.includes('_entities'))).toBe(true);
  });

  it('every organization, each project with its own pipeline list from Atlas', async () => {
    const { body } = await query(
      `{ organizations { name projects { atlasId pipelines(first: 1) { totalCount } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.organizations).toEqual([
      {
        name: 'Acme Data',
        projects: [{ atlasId: p, pipelines: { totalCount: SEED.pipelines.all.length } }],
      },
      {
        name: 'Acme Labs',
        projects: [{ atlasId: SEED.emptyProjectId, pipelines: { totalCount: 0 } }],
      },
    ]);
  });
});
