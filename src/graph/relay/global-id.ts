import { userInputError } from '../../errors/catalogue.ts';
import { isClusterName, isPipelineName, OBJECT_ID } from '../lib/patterns.ts';
import { decodeOpaque, encodeOpaque } from './opaque.ts';

/** For each Node type, what follows the project id in its global ID, and each key's pattern (docs/graph.md). */
const KEY_CHECKS = {
  Project: [],
  Pipeline: [isPipelineName],
  PipelineRun: [isPipelineName, (id: string) => OBJECT_ID.test(id)],
  Cluster: [isClusterName],
  FlexCluster: [isClusterName],
  ServerlessInstance: [isClusterName],
  ExportJob: [isClusterName, (id: string) => OBJECT_ID.test(id)],
  ClusterSnapshot: [isClusterName, (id: string) => OBJECT_ID.test(id)],
  ServerlessRestoreJob: [isClusterName, (id: string) => OBJECT_ID.test(id)],
  FlexRestoreJob: [isClusterName, (id: string) => OBJECT_ID.test(id)],
  ClusterRestoreJob: [isClusterName, (id: string) => OBJECT_ID.test(id)],
} satisfies Record<string, ((key: string) => boolean)[]>;

export type NodeTypeName = keyof typeof KEY_CHECKS;

export interface GlobalId {
  type: NodeTypeName;
  groupId: string;
  keys: string[];
}

export function encodeGlobalId(type: NodeTypeName, groupId: string, ...keys: string[]): string {
  return encodeOpaque([1, type, groupId, ...keys]);
}

/** Decodes and checks a global ID, or raises BAD_USER_INPUT naming `argumentPath`. */
export function decodeGlobalId(id: string, argumentPath: string): GlobalId {
  const value = decodeOpaque(id);
  const [, type, groupId, ...keys] = value ?? [];
  const checks =
    typeof type === 'string' && Object.hasOwn(KEY_CHECKS, type)
      ? KEY_CHECKS[type as NodeTypeName]
      : undefined;
  const valid =
    checks !== undefined &&
    typeof groupId === 'string' &&
    OBJECT_ID.test(groupId) &&
    keys.length === checks.length &&
    keys.every((key, i) => typeof key === 'string' && checks[i]!(key));
  if (!valid) throw userInputError(`"${truncate(id)}" is not a valid global ID.`, argumentPath);
  return { type: type as NodeTypeName, groupId: groupId as string, keys: keys as string[] };
}

const truncate = (text: string) => (text.length > 64 ? `${text.slice(0, 64)}…` : text);
