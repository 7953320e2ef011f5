import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startNodeFlags } from '../support/start-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const installed = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: (string | { published: number; target: number; host_ip?: string })[];
  init?: boolean;
  read_only?: boolean;
  depends_on?: Record<string, unknown>;
}

/** docker-compose's own reading of the file: anchors merged, ports and depends_on normalised. */
let read: { services: Record<string, Service> } | undefined;
const config = () => {
  read ??= parse(
    execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { services: Record<string, Service> };
  return read;
};

// `.ci/run` installs docker-compose, so CI always runs this; a machine without it skips it.
describe.skipIf(!installed)('docker-compose.yml', () => {
  it('is accepted by docker-compose and runs two gateways behind a load balancer, Redis and the simulator', () => {
    const { services } = config();
    expect(Object.keys(services).sort()).toEqual([
      'gateway-a',
      'gateway-b',
      'lb',
      'redis',
      'simulator',
    ]);
    expect(services.lb!.command).toEqual([
      'caddy',
      'reverse-proxy',
      '--from',
      ':4000',
      '--to',
      'gateway-a:4000',
      '--to',
      'gateway-b:4000',
    ]);
    // Both replicas come from one anchor: node started directly with npm start's flags, sharing Redis.
    expect(services['gateway-b']).toEqual(services['gateway-a']);
    const gateway = services['gateway-a']!;
    expect(gateway.command).toEqual(['node', ...startNodeFlags(), 'src/main.ts']);
    expect(gateway.init).toBe(true);
    expect(gateway.read_only).toBe(true);
    expect(Object.keys(gateway.depends_on ?? {}).sort()).toEqual(['redis', 'simulator']);
    expect(gateway.environment).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
      MONGODB_ATLAS_BASE_URL: 'http://simulator:4010',
      AUTH_ALLOW_NONE: 'true',
    });
  });

  it('builds the gateways and the simulator from deploy/Dockerfile as one image', () => {
    const { services } = config();
    for (const name of ['gateway-a', 'gateway-b', 'simulator']) {
      const service = services[name]!;
      expect(service.build?.dockerfile, name).toBe('deploy/Dockerfile');
      expect(service.build?.context, name).toBe(ROOT.replace(/\/$/, ''));
      expect(service.image, name).toBe(services['gateway-a']!.image);
    }
    expect(services.simulator!.command).toEqual(['node', 'src/simulator/main.ts']);
  });

  it('publishes the load balancer alone, on loopback only', () => {
    const { services } = config();
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => ({ name, port })),
    );
    expect(published).toEqual([{ name: 'lb', port: '127.0.0.1:4000:4000/tcp' }]);
  });
});
