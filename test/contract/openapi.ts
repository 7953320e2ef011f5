/**
 * Contract-fidelity validator (docs/simulator.md): checks recorded requests and answers against the OpenAPI
 * subset in this folder. It is maintained test code, independent of both the gateway and the simulator.
 *
 * OpenAPI 3.0 is turned into JSON Schema for ajv:
 * - `nullable` adds null; `allOf` object compositions are flattened into one object, so that
 *   `additionalProperties: false` can reject undeclared fields (Atlas refuses unknown request fields, and
 *   an answer must not carry fields the contract does not declare);
 * - `readOnly` properties are refused in requests and `writeOnly` ones in answers (and are not required
 *   there); a `$ref` to a schema that is itself read-only counts as a read-only property;
 * - a `discriminator` dispatches on its property through `mapping`; with a single mapping the property
 *   may be absent (it is read-only for Data Lake sinks), with several it is required.
 * Relaxations (see RELAXATIONS): ApiError.parameters items are typed `object` in the spec, but Atlas and
 * its docs put strings and numbers there, and the contract's README says to accept any JSON value (docs/simulator.md).
 * The README's "Surprises" for clusters are treated loosely too: `type: object` fields holding a `oneOf` of
 * string enums accept any of those strings, and hardware specs that are a `oneOf` of provider specs with
 * no discriminator become one object with all their properties. The circular schemas (a discriminated
 * base whose subtypes `allOf` it back) need nothing: definitions are referenced by name, and flattening
 * follows `allOf` only, never the base's `oneOf`.
 *
 * Statuses: an answer's status must be listed for the operation, except 406 and 410, which the
 * contract's README allows for every operation (version negotiation; docs/simulator.md), and 4xx answers to requests that
 * are themselves outside the contract (the contract cannot describe those answers).
 */
import { readFileSync } from 'node:fs';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RecordedRequest } from '../../src/simulator/index.ts';

// ajv and ajv-formats are CommonJS with `default` exports.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

type OpenApiSchema = Record<string, any>;
type Direction = 'request' | 'response';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: OpenApiSchema;
}

interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  segments: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema?: OpenApiSchema }> };
  responses: Record<
    string,
    {
      content?: Record<string, { schema?: OpenApiSchema }>;
      headers?: Record<string, OpenApiSchema>;
    }
  >;
}

const spec: OpenApiSchema = JSON.parse(
  readFileSync(new URL('./atlas-openapi-subset.json', import.meta.url), 'utf8'),
);

/** Every schema object of the document (components and inline), each visited once. */
function eachSchemaNode(node: unknown, visit: (schema: OpenApiSchema) => void): void {
  if (Array.isArray(node)) for (const item of node) eachSchemaNode(item, visit);
  else if (node !== null && typeof node === 'object') {
    visit(node as OpenApiSchema);
    for (const child of Object.values(node)) eachSchemaNode(child, visit);
  }
}

const isStringSchema = (schema: OpenApiSchema) => schema.type === 'string';

/**
 * `type: object` with a `oneOf` of per-provider string enums (regionName, BaseCloudProviderInstanceSize):
 * the values are strings, and the enums overlap, so any value of any branch is accepted.
 */
function looseStringUnion(schema: OpenApiSchema): void {
  const branches: OpenApiSchema[] | undefined = schema.oneOf;
  if (schema.type !== 'object' || !branches?.every(isStringSchema)) return;
  const values = new Set(branches.flatMap((branch) => branch.enum ?? []));
  delete schema.oneOf;
  schema.type = 'string';
  if (values.size > 0) schema.enum = [...values];
}

/**
 * A `oneOf` of provider hardware specs without a discriminator (HardwareSpec20240805,
 * DedicatedHardwareSpec20240805): a typical value matches several branches, so the schema becomes one
 * object with every branch's properties (same-named enums merged) and still refuses undeclared fields.
 */
function looseObjectUnion(schema: OpenApiSchema): void {
  const branches: OpenApiSchema[] | undefined = schema.oneOf;
  if (!branches || schema.discriminator || branches.every(isStringSchema)) return;
  const properties: Record<string, OpenApiSchema> = { ...schema.properties };
  for (const branch of branches.map((member) => resolveRef(member))) {
    for (const [name, property] of Object.entries<OpenApiSchema>(branch.properties ?? {})) {
      const known = properties[name];
      properties[name] =
        known?.enum && property.enum
          ? { ...known, enum: [...new Set([...known.enum, ...property.enum])] }
          : (known ?? property);
    }
  }
  delete schema.oneOf;
  schema.properties = properties;
}

const RELAXATIONS: ((document: OpenApiSchema) => void)[] = [
  (document) => {
    document.components.schemas.ApiError.properties.parameters.items = {};
  },
  (document) => eachSchemaNode(document.components.schemas, looseStringUnion),
  (document) => eachSchemaNode(document.components.schemas, looseObjectUnion),
];

function resolveRef<T = OpenApiSchema>(node: OpenApiSchema): T {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((parent: OpenApiSchema, key: string) => parent[key], spec);
  }
  return current as T;
}

for (const relax of RELAXATIONS) relax(spec);

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI schema -> JSON Schema

function definitionKey(name: string, direction: Direction): string {
  return `${name}.${direction}`;
}

/** The object shape of a schema with its allOf members merged (discriminators ignored). */
function flattenObject(schema: OpenApiSchema): {
  properties: Record<string, OpenApiSchema>;
  required: string[];
  nullable: boolean;
} {
  const properties: Record<string, OpenApiSchema> = {};
  const required = new Set<string>(schema.required ?? []);
  for (const member of schema.allOf ?? []) {
    const flat = flattenObject(resolveRef(member));
    Object.assign(properties, flat.properties);
    for (const name of flat.required) required.add(name);
  }
  Object.assign(properties, schema.properties ?? {});
  return { properties, required: [...required], nullable: schema.nullable === true };
}

function isObjectSchema(schema: OpenApiSchema): boolean {
  return schema.type === 'object' || schema.properties !== undefined || schema.allOf !== undefined;
}

function convert(schema: OpenApiSchema, direction: Direction): OpenApiSchema {
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema);
    const converted = { $ref: `#/definitions/${definitionKey(refName(schema.$ref), direction)}` };
    return target.nullable ? { anyOf: [{ type: 'null' }, converted] } : converted;
  }
  let converted: OpenApiSchema;
  if (isObjectSchema(schema) && (schema.properties || schema.allOf)) {
    converted = convertObject(schema, direction);
  } else if (schema.type === 'array') {
    converted = { type: 'array', items: schema.items ? convert(schema.items, direction) : {} };
  } else {
    const { nullable, readOnly, writeOnly, discriminator, default: _default, ...rest } = schema;
    converted = rest;
  }
  return schema.nullable ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

function convertObject(schema: OpenApiSchema, direction: Direction): OpenApiSchema {
  const flat = flattenObject(schema);
  const forbidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const properties: Record<string, OpenApiSchema | boolean> = {};
  const required: string[] = [];
  for (const [name, property] of Object.entries(flat.properties)) {
    const isForbidden = property[forbidden] === true || resolveRef(property)[forbidden] === true;
    properties[name] = isForbidden ? false : convert(property, direction);
    if (flat.required.includes(name) && !isForbidden) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A discriminated base: dispatch on the property, falling back to the only mapping or the plain base. */
function convertDiscriminated(schema: OpenApiSchema, direction: Direction): OpenApiSchema {
  const { propertyName, mapping } = schema.discriminator as {
    propertyName: string;
    mapping: Record<string, string>;
  };
  const entries = Object.entries(mapping);
  const plain = convertObject(schema, direction);
  const only = entries.length === 1 ? entries[0] : undefined;
  let fallback: OpenApiSchema = only
    ? { $ref: `#/definitions/${definitionKey(refName(only[1]), direction)}` }
    : { ...plain, required: [...new Set([...(plain.required as string[]), propertyName])] };
  for (const [value, ref] of [...entries].reverse()) {
    fallback = {
      if: {
        type: 'object',
        properties: { [propertyName]: { const: value } },
        required: [propertyName],
      },
      then: { $ref: `#/definitions/${definitionKey(refName(ref), direction)}` },
      else: fallback,
    };
  }
  return fallback;
}

function buildDefinitions(): Record<string, OpenApiSchema> {
  const definitions: Record<string, OpenApiSchema> = {};
  for (const [name, schema] of Object.entries<OpenApiSchema>(spec.components.schemas)) {
    for (const direction of ['request', 'response'] as const) {
      let converted = schema.discriminator
        ? convertDiscriminated(schema, direction)
        : convert(schema, direction);
      if (schema.nullable && schema.discriminator)
        converted = { anyOf: [{ type: 'null' }, converted] };
      definitions[definitionKey(name, direction)] = converted;
    }
  }
  return definitions;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
const definitions = buildDefinitions();
const validatorCache = new Map<OpenApiSchema, Map<Direction, ValidateFunction>>();

function validatorFor(schema: OpenApiSchema, direction: Direction): ValidateFunction {
  let byDirection = validatorCache.get(schema);
  if (!byDirection) {
    byDirection = new Map();
    validatorCache.set(schema, byDirection);
  }
  let validate = byDirection.get(direction);
  if (!validate) {
    validate = ajv.compile({ ...convert(schema, direction), definitions });
    byDirection.set(direction, validate);
  }
  return validate;
}

function describeErrors(
  where: string,
  errors: ErrorObject[] | null | undefined,
  direction: Direction,
): string[] {
  return (errors ?? [])
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf')
    .map((error) => {
      const at = `${where}${error.instancePath || ''}`;
      if (error.keyword === 'false schema')
        return `${at}: ${direction === 'request' ? 'read-only' : 'write-only'} field must not be sent`;
      if (error.keyword === 'additionalProperties')
        return `${at}: undeclared field "${String(error.params.additionalProperty)}"`;
      return `${at}: ${error.message ?? error.keyword}`;
    });
}

export function validateSchema(
  value: unknown,
  schema: OpenApiSchema,
  direction: Direction,
  where: string,
): string[] {
  const validate = validatorFor(schema, direction);
  return validate(value) ? [] : describeErrors(where, validate.errors, direction);
}

// ---------------------------------------------------------------------------------------------
// Operations

const operations: ContractOperation[] = [];
for (const [path, item] of Object.entries<OpenApiSchema>(spec.paths)) {
  const shared: Parameter[] = (item.parameters ?? []).map((parameter: OpenApiSchema) =>
    resolveRef<Parameter>(parameter),
  );
  for (const [method, operation] of Object.entries<OpenApiSchema>(item)) {
    if (method === 'parameters') continue;
    operations.push({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      segments: path.split('/'),
      parameters: [
        ...shared,
        ...(operation.parameters ?? []).map((parameter: OpenApiSchema) =>
          resolveRef<Parameter>(parameter),
        ),
      ],
      requestBody: operation.requestBody && resolveRef(operation.requestBody),
      responses: Object.fromEntries(
        Object.entries<OpenApiSchema>(operation.responses).map(([status, response]) => [
          status,
          resolveRef(response),
        ]),
      ),
    });
  }
}

export const CONTRACT_OPERATION_IDS: readonly string[] = operations.map(
  (operation) => operation.operationId,
);

function findOperation(
  method: string,
  path: string,
): { operation: ContractOperation; pathParams: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase() || operation.segments.length !== segments.length)
      continue;
    const pathParams: Record<string, string> = {};
    const matches = operation.segments.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith('{')) return part === segment;
      try {
        pathParams[part.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        pathParams[part.slice(1, -1)] = segment;
      }
      return segment !== '';
    });
    if (matches) return { operation, pathParams };
  }
  return undefined;
}

export function matchOperation(
  method: string,
  path: string,
): { operationId: string; pathParams: Record<string, string> } | undefined {
  const found = findOperation(method, path);
  return found && { operationId: found.operation.operationId, pathParams: found.pathParams };
}

function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}

/** The versioned media types of the operation's success answers. */
function successMediaTypes(operation: ContractOperation): string[] {
  return Object.entries(operation.responses)
    .filter(([status]) => status.startsWith('2'))
    .flatMap(([, response]) => Object.keys(response.content ?? {}));
}

function queryParameterProblem(parameter: Parameter, raw: string): string | undefined {
  const schema = parameter.schema;
  if (schema.type === 'boolean')
    return raw === 'true' || raw === 'false' ? undefined : 'must be true or false';
  if (schema.type === 'integer') {
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) return 'must be an integer';
    const value = Number(raw);
    if (schema.minimum !== undefined && value < schema.minimum)
      return `must be >= ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum)
      return `must be <= ${schema.maximum}`;
    return undefined;
  }
  const problems = validateSchema(raw, schema, 'request', '');
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Rules the contract states in prose (descriptions stripped from the JSON; see docs/simulator.md). */
const PROSE_RULES: Record<string, (query: Record<string, string>) => string | undefined> = {
  listGroupClusterBackupSnapshots: (query) => {
    const oplog = query.oplogTs !== undefined || query.oplogInc !== undefined;
    if (query.pointInTimeUtcSeconds !== undefined && oplog)
      return 'pointInTimeUtcSeconds and oplogTs/oplogInc are mutually exclusive';
    if (oplog && (query.oplogTs === undefined || query.oplogInc === undefined))
      return 'oplogTs and oplogInc go together';
    return undefined;
  },
};

export function validateRequest(r: RecordedRequest): string[] {
  const where = `${r.method} ${r.path}`;
  const found = findOperation(r.method, r.path);
  if (!found) return [`${where}: no operation of the contract matches`];
  const { operation, pathParams } = found;
  const problems: string[] = [];
  const at = (text: string) => problems.push(`${operation.operationId} ${where}: ${text}`);

  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path')) {
    const value = pathParams[parameter.name];
    if (value === undefined) at(`path parameter ${parameter.name} missing`);
    else
      validateSchema(
        value,
        parameter.schema,
        'request',
        `path parameter ${parameter.name}`,
      ).forEach(at);
  }
  const queryParameters = new Map(
    operation.parameters
      .filter((candidate) => candidate.in === 'query')
      .map((parameter) => [parameter.name, parameter]),
  );
  for (const [name, raw] of Object.entries(r.query)) {
    const parameter = queryParameters.get(name);
    if (!parameter) at(`query parameter ${name} is not declared for this operation`);
    else {
      const problem = queryParameterProblem(parameter, raw);
      if (problem) at(`query parameter ${name}=${raw} ${problem}`);
    }
  }
  for (const parameter of queryParameters.values())
    if (parameter.required && r.query[parameter.name] === undefined)
      at(`query parameter ${parameter.name} is required`);
  const proseProblem = PROSE_RULES[operation.operationId]?.(r.query);
  if (proseProblem) at(proseProblem);

  const accepted = successMediaTypes(operation);
  const accept = r.headers.accept ?? '';
  if (accept.includes(',') || !accepted.includes(mediaTypeOf(accept) ?? ''))
    at(`Accept "${accept}" must be exactly one of ${accepted.join(', ')}`);

  const hasBody = r.rawBody.trim() !== '';
  if (!operation.requestBody) {
    if (hasBody) at('the operation takes no request body');
    return problems;
  }
  if (!hasBody) {
    if (operation.requestBody.required) at('a request body is required');
    return problems;
  }
  const contentType = mediaTypeOf(r.headers['content-type']);
  const content = contentType ? operation.requestBody.content[contentType] : undefined;
  if (!content) {
    at(
      `Content-Type "${r.headers['content-type'] ?? ''}" must be one of ${Object.keys(operation.requestBody.content).join(', ')}`,
    );
    return problems;
  }
  if (contentType !== mediaTypeOf(accept))
    at(`Content-Type ${contentType} differs from Accept ${accept}`);
  let body: unknown;
  try {
    body = JSON.parse(r.rawBody);
  } catch {
    at('the request body is not JSON');
    return problems;
  }
  if (content.schema) validateSchema(body, content.schema, 'request', 'body').forEach(at);
  return problems;
}

/** A paginated wrapper keeps its shape and gains `status`; anything else becomes {status, content}. */
function unwrapEnvelope(
  body: unknown,
  schema: OpenApiSchema | undefined,
): { value: unknown; problem?: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { value: body, problem: 'envelope=true answer is not an object' };
  const envelope = body as Record<string, unknown>;
  if (typeof envelope.status !== 'number')
    return { value: body, problem: 'envelope=true answer has no numeric status' };
  const isPage = schema !== undefined && resolveRef(schema).properties?.results !== undefined;
  if (isPage) {
    const { status: _status, ...page } = envelope;
    return { value: page };
  }
  return 'content' in envelope
    ? { value: envelope.content }
    : { value: body, problem: 'envelope=true answer has no content' };
}

const ALWAYS_ALLOWED_STATUSES = new Set([406, 410]);

export function validateResponse(r: RecordedRequest): string[] {
  const where = `${r.method} ${r.path}`;
  const found = findOperation(r.method, r.path);
  if (!found) return [`${where}: no operation of the contract matches`];
  const { operation } = found;
  const problems: string[] = [];
  const at = (text: string) =>
    problems.push(`${operation.operationId} ${where} -> ${r.status}: ${text}`);
  if (r.status === 0) return [`${operation.operationId} ${where}: no answer`];

  const declared = operation.responses[String(r.status)];
  const answersOutsideRequest = r.status >= 400 && r.status < 500 && validateRequest(r).length > 0;
  if (!declared && !ALWAYS_ALLOWED_STATUSES.has(r.status) && !answersOutsideRequest) {
    at(`status ${r.status} is not listed (${Object.keys(operation.responses).join(', ')})`);
  }

  const contentType = mediaTypeOf(r.responseHeaders['content-type']);
  const isSuccess = r.status >= 200 && r.status < 300;
  const wire =
    r.responseBody === undefined ? undefined : JSON.parse(JSON.stringify(r.responseBody));
  if (!isSuccess) {
    if (contentType !== 'application/json')
      at(`error Content-Type is ${contentType}, expected application/json`);
    validateSchema(wire, spec.components.schemas.ApiError, 'response', 'body').forEach(at);
    return problems;
  }
  const content = declared?.content ?? {};
  const media = contentType ? content[contentType] : undefined;
  if (!media) at(`Content-Type ${contentType} is not one of ${Object.keys(content).join(', ')}`);
  else if (contentType !== mediaTypeOf(r.headers.accept))
    at(`Content-Type ${contentType} does not answer Accept ${r.headers.accept}`);

  for (const [name, header] of Object.entries(declared?.headers ?? {})) {
    const value = r.responseHeaders[name.toLowerCase()];
    if (value === undefined) at(`header ${name} missing`);
    else if (resolveRef(header).schema?.type === 'integer' && !/^\d+$/.test(value))
      at(`header ${name}="${value}" is not an integer`);
  }

  const schema = media?.schema;
  let value = wire;
  if (r.query.envelope === 'true') {
    const unwrapped = unwrapEnvelope(wire, schema);
    if (unwrapped.problem) at(unwrapped.problem);
    value = unwrapped.value;
  }
  if (schema) validateSchema(value, schema, 'response', 'body').forEach(at);
  return problems;
}

const OAUTH_PATHS = new Set(['/api/oauth/token', '/api/oauth/revoke']);

/** Throws with every problem of every request/answer pair, skipping OAuth calls and injected faults. */
export function assertContractConformance(requests: RecordedRequest[]): void {
  const problems = requests
    .filter((r) => !OAUTH_PATHS.has(r.path) && !r.fault)
    .flatMap((r) => [...validateRequest(r), ...validateResponse(r)]);
  if (problems.length > 0) {
    throw new Error(
      `${problems.length} contract problem(s):\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
    );
  }
}
