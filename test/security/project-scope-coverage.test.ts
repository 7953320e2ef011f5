import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graph/index.ts';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { subscribe } from '../support/sse.ts';
import { JWT_ENV, signToken } from './tokens.ts';

/**
 * The project scope rule must hold wherever a request can name a project (docs/security.md). Every
 * `ObjectId` argument and input field of the schema is classified here by hand, so a new one fails
 * this test until someone decides whether it names a project; then every root field that takes a
 * project in any position is sent with a foreign project in exactly that position (and the caller's
 * own project everywhere else), and must be refused without a single upstream call.
 */
const NAMES_A_PROJECT = new Set([
  'Query.project(id)',
  'CreatePipelineInput.projectId',
  'UpdatePipelineInput.projectId',
  'PipelineActionInput.projectId',
  'TriggerPipelineRunInput.projectId',
  'DeletePipelineRunDatasetInput.projectId',
  'CreateExportJobInput.projectId',
  'CreateServerlessRestoreJobInput.projectId',
  'CreateServerlessRestoreJobInput.targetProjectId',
  'CreateFlexRestoreJobInput.projectId',
  'CreateFlexRestoreJobInput.targetProjectId',
  'CreateClusterRestoreJobInput.projectId',
  'CreateClusterRestoreJobInput.targetProjectId',
  'CancelClusterRestoreJobInput.projectId',
  'TakeClusterSnapshotInput.projectId',
  'DeleteClusterSnapshotInput.projectId',
]);
/** ObjectIds of objects inside a project the request already named. */
const NAMES_NO_PROJECT = new Set([
  'Cluster.exportJob(id)',
  'Pipeline.run(id)',
  'ServerlessInstance.restoreJob(id)',
  'FlexCluster.restoreJob(id)',
  'IngestionSourceInput.policyItemId',
  'TriggerPipelineRunInput.snapshotId',
  'DeletePipelineRunDatasetInput.runId',
  'CreateExportJobInput.snapshotId',
  'CreateExportJobInput.exportBucketId',
  'CreateServerlessRestoreJobInput.snapshotId',
  'CreateFlexRestoreJobInput.snapshotId',
  'Cluster.restoreJob(id)',
  'CreateClusterRestoreJobInput.snapshotId',
  'CancelClusterRestoreJobInput.restoreJobId',
  'DeleteClusterSnapshotInput.snapshotId',
]);

const schema = buildSchema();
const A = SEED.projectId;
const FOREIGN = SEED.neighbourProjectId;

/** Every ObjectId argument and input field, as `Type.field(arg)` / `Input.field`. */
function objectIdCoordinates(): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (getNamedType(arg.type).name === 'ObjectId')
            found.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'ObjectId') found.push(`${type.name}.${field.name}`);
      }
    }
  }
  return found.sort();
}

/** The ObjectId coordinates carrying src/graph/project-scope.ts's NAMES_A_PROJECT mark. */
function markedCoordinates(): string[] {
  const marked = (definition: { extensions?: Record<string, unknown> | null }) =>
    definition.extensions?.namesProject === true;
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args)
          if (marked(arg)) found.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (marked(field)) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

/**
 * A value of `type` that GraphQL accepts, with a project id at every project position: FOREIGN at
 * the one numbered `foreignAt` (positions counted in walk order), the caller's own elsewhere.
 */
function sampleValue(
  type: GraphQLInputType,
  coordinate: string,
  positions: { next: number; foreignAt: number },
): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, coordinate, positions);
  if (isListType(type)) return [sampleValue(type.ofType, coordinate, positions)];
  const projectId = () => (positions.next++ === positions.foreignAt ? FOREIGN : A);
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields()).map((field) => [
        field.name,
        sampleValue(field.type, `${type.name}.${field.name}`, positions),
      ]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  switch (type.name) {
    case 'ObjectId':
      return NAMES_A_PROJECT.has(coordinate) ? projectId() : '5f0000000000000000000001';
    case 'ID':
      return encodeGlobalId('Project', projectId());
    case '_Any':
      return { __typename: 'Project', atlasId: projectId() };
    case 'String':
      return 'Cluster0';
    case 'Int':
    case 'Long':
      return 1_700_000_000;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2025-01-01T00:00:00.000Z';
    default:
      throw new Error(`no sample value for ${type.name}`);
  }
}

const printType = (type: GraphQLInputType): string => type.toString();

interface Case {
  name: string;
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
  foreignAt: number;
}

/** Root fields taking a project somewhere in their arguments, one case per project position. */
function cases(): Case[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  const found: Case[] = [];
  for (const [operation, root] of roots) {
    for (const field of Object.values(root!.getFields())) {
      const positions = { next: 0, foreignAt: -1 };
      for (const arg of field.args)
        sampleValue(arg.type, `${root!.name}.${field.name}(${arg.name})`, positions);
      for (let foreignAt = 0; foreignAt < positions.next; foreignAt++) {
        found.push({ name: `${field.name} #${foreignAt + 1}`, operation, field, foreignAt });
      }
    }
  }
  return found;
}

function request(c: Case, rootName: string) {
  const positions = { next: 0, foreignAt: c.foreignAt };
  const variables: Record<string, unknown> = {};
  const declarations = c.field.args.map((arg: GraphQLArgument) => {
    variables[arg.name] = sampleValue(
      arg.type,
      `${rootName}.${c.field.name}(${arg.name})`,
      positions,
    );
    return `$${arg.name}: ${printType(arg.type)}`;
  });
  const args = c.field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named: GraphQLNamedType = getNamedType(c.field.type);
  const selection = isCompositeType(named) ? ' { __typename }' : '';
  const query = `${c.operation}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${c.field.name}${args ? `(${args})` : ''}${selection} }`;
  return { query, variables };
}

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({
    env: JWT_ENV,
  });
  token = await signToken({ projects: [A] });
});
afterAll(() => h.close());
beforeEach(() => h.resetUpstream());

describe('the project scope rule covers every place a request can name a project', () => {
  it('knows, for every ObjectId argument and input field, whether it names a project', () => {
    const unclassified = objectIdCoordinates().filter(
      (c) => !NAMES_A_PROJECT.has(c) && !NAMES_NO_PROJECT.has(c),
    );
    expect(
      unclassified,
      'classify these in this test, and mark project ids with NAMES_A_PROJECT',
    ).toEqual([]);
    expect([...NAMES_A_PROJECT, ...NAMES_NO_PROJECT].sort()).toEqual(objectIdCoordinates());
    // The rule reads the mark (the net under it would also catch a body's project, but not a path's).
    expect(markedCoordinates()).toEqual([...NAMES_A_PROJECT].sort());
  });

  const all = cases();

  it('finds a case for every mutation and every root field that takes a project', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations.filter((name) => !all.some((c) => c.field.name === name))).toEqual([]);
    expect(new Set(all.map((c) => c.field.name))).toEqual(
      new Set([
        ...mutations,
        'project',
        'node',
        'nodes',
        '_entities',
        'pipelineRunUpdated',
        'exportJobUpdated',
        'restoreJobUpdated',
        'clusterSnapshotUpdated',
      ]),
    );
    // Both projects of a restore are cases of their own.
    expect(all.filter((c) => c.field.name === 'createFlexRestoreJob')).toHaveLength(2);
  });

  it.each(all.map((c) => [c.name, c] as const))(
    'refuses %s naming a foreign project, before any upstream call',
    async (_, c) => {
      const rootName = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[
        c.operation
      ];
      const { query, variables } = request(c, rootName);
      const headers = { authorization: `Bearer ${token}` };
      if (c.operation === 'subscription') {
        const stream = await subscribe(h.gateway.url, query, variables, headers);
        const [first] = await stream.waitFor(1);
        stream.close();
        expect(first!.data.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
      } else {
        const { body } = await h.graphql(query, variables, headers);
        const answer = body.data?.[c.field.name];
        const refused =
          answer?.__typename === 'ForbiddenError' ||
          body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN');
        expect(refused, JSON.stringify(body)).toBe(true);
      }
      expect(h.upstream()).toEqual([]);
    },
  );
});
