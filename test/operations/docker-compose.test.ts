import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startArguments } from '../support/start-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const installed = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const compose = (...args: string[]) =>
  execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

// `.ci/run` installs docker-compose, so CI always runs this; a machine without it skips it.
describe.skipIf(!installed)('docker-compose.yml', () => {
  it('is accepted by docker-compose and runs two gateways behind a load balancer, Redis and the simulator', () => {
    const services = compose('config', '--services').trim().split('\n').sort();
    expect(services).toEqual(['gateway-a', 'gateway-b', 'lb', 'redis', 'simulator']);

    // docker-compose's normalised output: two-space indents, one service block per `  name:` line.
    const config = compose('config');
    const block = (name: string) => {
      const start = config.indexOf(`\n  ${name}:\n`);
      const end = config.slice(start + 1).search(/\n {2}\S|\n\S/);
      return config.slice(start, start + 1 + end);
    };
    const list = (items: string[]) => items.map((item) => `    - ${item}\n`).join('');
    expect(block('lb')).toContain(
      list([
        'caddy',
        'reverse-proxy',
        '--from',
        ':4000',
        '--to',
        'gateway-a:4000',
        '--to',
        'gateway-b:4000',
      ]),
    );
    // Both replicas come from one anchor: node started directly (SIGTERM reaches it), sharing Redis.
    for (const name of ['gateway-a', 'gateway-b']) {
      const service = block(name);
      // As `npm start` runs it (docker-compose folds the long line).
      expect(service.replace(/\s+/g, ' ')).toContain(`&& exec node ${startArguments().join(' ')}`);
      expect(service).toContain('init: true');
      expect(service).toContain('HOST: 0.0.0.0');
      expect(service).toContain('REDIS_URL: redis://redis:6379');
      expect(service).toContain('AUTH_ALLOW_NONE: "true"');
    }
  });
});
