import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { AtlasCallError } from '../atlas/errors.ts';
import { PROJECTS_PATH } from '../atlas/projects.ts';
import type { ProjectAccess } from '../auth/caller.ts';
import type { GraphContext } from './context.ts';
import { answerItemByItem } from './lib/item-by-item.ts';
import { ForbiddenFailure } from './mutations/mutation-errors.ts';
import { decodeOpaque } from './relay/opaque.ts';

/**
 * The project scope rule (docs/security.md): every project id a request names is in the caller's
 * scope, or the request is refused before any upstream call. A project id is named by
 * - an argument or input field marked with NAMES_A_PROJECT (`project(id)`, every `projectId` and
 *   `targetProjectId` of a mutation input),
 * - a global ID (every `ID` argument: each carries its project, docs/graph.md),
 * - a federation representation (`_Any`: every entity key holds `project { atlasId }`, or is the
 *   Project's own `atlasId`).
 * A cursor names no project of its own: it is bound by hash to a collection under a project already
 * checked, and refused when resolved under any other (src/graph/cursor.ts).
 *
 * `enforceProjectScope` applies the rule to the built schema, so no resolver repeats it and a new
 * argument is covered as soon as it is marked (test/security/project-scope-coverage.test.ts fails on
 * an ObjectId argument or input field naming a project without the mark). Below it, every upstream
 * call is checked once more where it leaves (`assertRequestAllowed`).
 */

/** Pothos `extensions` of an `ObjectId` argument or input field whose value is an Atlas project id. */
export const NAMES_A_PROJECT = { namesProject: true } as const;

const allowsProject = (access: ProjectAccess, groupId: string) =>
  access.kind === 'any' || access.projects.has(groupId);

/**
 * The same answer whether the project exists or not, since the token, not Atlas, decides. An
 * AtlasCallError with Atlas's 403 code, so it reads like a 403 from Atlas.
 */
const FORBIDDEN_MESSAGE = 'Your token does not allow this project.';
const forbidden = () => new AtlasCallError('FORBIDDEN', FORBIDDEN_MESSAGE);

type Extensions = { readonly extensions?: Readonly<Record<string, unknown>> | null };
const namesProject = (definition: Extensions) => definition.extensions?.namesProject === true;

/** Whether a value of this input type can name a project; `seen` stops at recursive input types. */
function canNameProject(
  type: GraphQLInputType,
  marked: boolean,
  seen = new Set<string>(),
): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return marked || named.name === 'ID' || named.name === '_Any';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) =>
    canNameProject(field.type, namesProject(field), seen),
  );
}

/** Every project id a value names, walked along its input type (values are already coerced). */
function projectsNamedBy(
  value: unknown,
  type: GraphQLInputType,
  marked: boolean,
  out: string[],
): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    projectsNamedBy(value, type.ofType, marked, out);
    return;
  }
  if (isListType(type)) {
    for (const item of value as unknown[]) projectsNamedBy(item, type.ofType, marked, out);
    return;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      projectsNamedBy(fieldValue, field.type, namesProject(field), out);
    }
    return;
  }
  if (marked && typeof value === 'string') out.push(value);
  else if (type.name === 'ID') globalIdProject(value, out);
  else if (type.name === '_Any') representationProjects(value, out);
}

/** A global ID's project, read leniently: a malformed ID names none, and its resolver refuses it. */
function globalIdProject(value: unknown, out: string[]): void {
  const groupId = typeof value === 'string' ? decodeOpaque(value)?.[2] : undefined;
  if (typeof groupId === 'string') out.push(groupId);
}

/**
 * Every `project { atlasId }` a representation holds, at any depth (a forged one may hold several),
 * or its own `atlasId` for a Project. One that names none is refused by its resolver as invalid.
 */
function representationProjects(value: unknown, out: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const representation = value as Record<string, unknown>;
  if (representation.__typename === 'Project' && typeof representation.atlasId === 'string') {
    out.push(representation.atlasId);
  }
  for (const [key, nested] of Object.entries(representation)) {
    if (key === 'project' && typeof nested === 'object' && nested !== null) {
      const atlasId = (nested as Record<string, unknown>).atlasId;
      if (typeof atlasId === 'string') out.push(atlasId);
    }
    representationProjects(nested, out);
  }
}

function namesForeignProject(
  access: ProjectAccess,
  value: unknown,
  argument: GraphQLArgument,
): boolean {
  if (access.kind === 'any') return false;
  const named: string[] = [];
  projectsNamedBy(value, argument.type, namesProject(argument), named);
  return named.some((groupId) => !allowsProject(access, groupId));
}

/** A mutation answers with its `ForbiddenError` member, as it does for Atlas's own 403. */
function refusal(field: GraphQLField<unknown, unknown>): () => unknown {
  const type = getNullableType(field.type);
  const typedFailure =
    isUnionType(type) && type.getTypes().some((member) => member.name === 'ForbiddenError');
  // Wrapped as Pothos's errors plugin wraps what a resolver throws, so the union resolves its type.
  return typedFailure
    ? () => wrapErrorIfMatches(new ForbiddenFailure(FORBIDDEN_MESSAGE), [ForbiddenFailure])
    : () => {
        throw forbidden();
      };
}

type Resolver = GraphQLFieldResolver<unknown, GraphContext>;

/**
 * A list field answering its list argument item by item (`nodes(ids)`, `_entities(representations)`):
 * an item naming a foreign project is refused at its own index, and its siblings resolve.
 */
function itemByItem(argument: GraphQLArgument, resolve: Resolver): Resolver {
  return (source, args, context, info) => {
    const items = args[argument.name] as unknown[];
    const itemType = getNullableType(argument.type) as { ofType: GraphQLInputType };
    const access = context.caller.projects;
    const refusals = items.map((item) =>
      namesForeignProject(access, item, { ...argument, type: itemType.ofType })
        ? forbidden()
        : undefined,
    );
    if (!refusals.some(Boolean)) return resolve(source, args, context, info);
    const allowed = items.filter((_, i) => !refusals[i]);
    return answerItemByItem(refusals, allowed, (items) =>
      resolve(source, { ...args, [argument.name]: items }, context, info),
    );
  };
}

function wholeField(
  field: GraphQLField<unknown, unknown>,
  carriers: GraphQLArgument[],
  resolve: Resolver,
): Resolver {
  const refuse = refusal(field);
  return (source, args, context, info) => {
    const access = context.caller.projects;
    if (carriers.some((argument) => namesForeignProject(access, args[argument.name], argument))) {
      return refuse();
    }
    return resolve(source, args, context, info);
  };
}

const defaultResolve: Resolver = (source, _args, _context, info) =>
  (source as Record<string, unknown> | null)?.[info.fieldName];

/** Applies the rule to every field of the schema that takes an argument able to name a project. */
export function enforceProjectScope(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const carriers = field.args.filter((argument) =>
        canNameProject(argument.type, namesProject(argument)),
      );
      if (carriers.length === 0) continue;
      const [only] = carriers;
      const listInListOut =
        carriers.length === 1 &&
        isListType(getNullableType(only!.type)) &&
        isListType(getNullableType(field.type));
      const guard = (resolve: Resolver) =>
        listInListOut ? itemByItem(only!, resolve) : wholeField(field, carriers, resolve);
      field.resolve = guard((field.resolve as Resolver | undefined) ?? defaultResolve);
      if (field.subscribe) field.subscribe = guard(field.subscribe as Resolver);
    }
  }
}

const GROUP_IN_PATH = /^\/api\/atlas\/v2\/groups\/([^/?]+)/;
/** Body fields through which a write names a second project (a restore's target). */
const PROJECT_BODY_FIELDS = ['groupId', 'targetGroupId', 'projectId', 'targetProjectId'];

/**
 * The net under the rule, where each upstream call leaves: no call under a project the caller may not
 * use, in its path or in its body, leaves the gateway, whichever resolver asked for it.
 */
export function assertRequestAllowed(
  access: ProjectAccess,
  request: { path: string; body?: unknown },
): void {
  if (access.kind === 'any') return;
  // Atlas's list of every project would name projects outside the caller's scope.
  if (request.path === PROJECTS_PATH) throw forbidden();
  const groupId = GROUP_IN_PATH.exec(request.path)?.[1];
  if (groupId !== undefined && !allowsProject(access, groupId)) throw forbidden();
  const body = request.body;
  if (typeof body !== 'object' || body === null) return;
  for (const name of PROJECT_BODY_FIELDS) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' && !allowsProject(access, value)) throw forbidden();
  }
}

const OBJECT_ID_IN_TEXT = /\b[0-9a-f]{24}\b/g;

/**
 * Atlas's words about a project the caller may not use never reach it ("No cluster named X exists in
 * group B" would tell names in B): text naming such an id is replaced by a neutral sentence.
 */
export function withoutForeignProjects(access: ProjectAccess, text: string): string {
  if (access.kind === 'any') return text;
  const ids = text.match(OBJECT_ID_IN_TEXT) ?? [];
  return ids.some((id) => !allowsProject(access, id) && looksLikeProject(text, id))
    ? 'Atlas refused the request.'
    : text;
}

/** Atlas names projects as "group <id>" or "project <id>"; other ids (snapshots, jobs) stay. */
const looksLikeProject = (text: string, id: string) =>
  new RegExp(`\\b(group|project)\\w*\\W+(?:id\\W+)?${id}`, 'i').test(text);
