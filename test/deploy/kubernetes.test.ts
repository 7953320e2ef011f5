import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { SETTINGS } from '../../src/config/settings.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE = resolve(ROOT, 'deploy/kubernetes');

/** The kubernetes-models class for each kind the base may hold; anything else is a mistake. */
const MODELS = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
} as const;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // A manifest's shape depends on its kind; the schemas check it.
  [field: string]: any;
}

const kustomization = parse(readFileSync(resolve(BASE, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
};

const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(resolve(BASE, file), 'utf8')).map((document) => {
    expect(document.errors, file).toEqual([]);
    return document.toJS() as Manifest;
  }),
);

const find = (kind: string) => {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const deployment = find('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const configMap = find('ConfigMap');

/** A pod's environment from the base: the image's (deploy/Dockerfile), the ConfigMap's, the Secret's. */
const baseEnv = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  PORT: '4000',
  ...configMap.data,
  MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_0123456789',
  MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_0123456789',
  REDIS_URL: 'redis://redis.example.internal:6379',
};
/** What docs/deployment.md's overlay adds. */
const overlayEnv = {
  AUTH_JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
  AUTH_JWT_ISSUER: 'https://issuer.example.com/',
  AUTH_JWT_AUDIENCE: 'atlas-graph',
};

describe('deploy/kubernetes (kustomize base)', () => {
  it('lists every manifest in kustomization.yaml, and each listed file exists', () => {
    const files = readdirSync(BASE).filter((file) => /\.ya?ml$/.test(file));
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((file) => file !== 'kustomization.yaml').sort(),
    );
  });

  it('validates every manifest against the Kubernetes schemas', () => {
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}` as keyof typeof MODELS];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model(manifest as never).validate(), manifest.kind).not.toThrow();
    }
    // The schemas are live: a replica count that is not a number is refused.
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two' } };
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it('leaves the Secret out of the base, and docs/deployment.md names every key the Deployment reads', () => {
    expect(manifests.map(({ kind }) => kind)).not.toContain('Secret');
    const keys = (
      container.env as { valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]
    )
      .map(({ valueFrom }) => valueFrom?.secretKeyRef)
      .filter((reference) => reference !== undefined);
    expect(keys.map(({ key }) => key)).toEqual(
      expect.arrayContaining([
        'REDIS_URL',
        'MONGODB_ATLAS_CLIENT_ID',
        'MONGODB_ATLAS_CLIENT_SECRET',
      ]),
    );
    const page = readFileSync(resolve(ROOT, 'docs/deployment.md'), 'utf8');
    for (const { name, key } of keys) {
      expect(name).toBe('atlas-graph');
      expect(page).toContain(`\`${key}\``);
    }
  });

  it('sets only declared settings, from the ConfigMap and the Secret', () => {
    const declared = new Set<string>(SETTINGS.map(({ name }) => name));
    const names = [
      ...container.env.map(({ name }: { name: string }) => name),
      ...Object.keys(configMap.data),
    ];
    expect(names.filter((name) => !declared.has(name))).toEqual([]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
  });

  it('refuses to start on the base settings alone, and starts once an overlay configures jwt', () => {
    expect(() => loadConfig(baseEnv)).toThrow(ConfigError);
    expect(() => loadConfig(baseEnv)).toThrow(/AUTH_JWT_ISSUER/);
    expect(loadConfig({ ...baseEnv, ...overlayEnv })).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
    });
  });

  it('probes /healthz and /readyz, bounds its resources and gives shutdown time to finish', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }]);
    for (const kind of ['requests', 'limits'])
      expect(Object.keys(container.resources[kind]).sort(), kind).toEqual(['cpu', 'memory']);
    const { shutdownTimeoutMs } = loadConfig({ ...baseEnv, ...overlayEnv });
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownTimeoutMs);
  });

  it('runs as a non-root user on a read-only root filesystem, without privileges, writing only /tmp', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    // The kubelet refuses runAsNonRoot for an image whose user is a name (`USER node`) unless the
    // pod gives a number.
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: expect.any(Object) }]);
  });

  it('points the Service, the PodDisruptionBudget and the autoscaler at the Deployment’s pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    const service = find('Service');
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.ports.map(({ targetPort }: { targetPort: string }) => targetPort)).toEqual([
      'http',
    ]);
    const budget = find('PodDisruptionBudget');
    expect(budget.spec).toEqual({ minAvailable: 1, selector: { matchLabels: labels } });
    const autoscaler = find('HorizontalPodAutoscaler');
    expect(autoscaler.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(autoscaler.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
  });
});
