import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { startNodeFlags } from '../support/start-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCKERFILE = readFileSync(resolve(ROOT, 'deploy/Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions per stage: continuation lines joined, comments dropped. */
function stages(text: string): Instruction[][] {
  const joined = text.replace(/\\\n(\s*#.*\n)*/g, ' ');
  const result: Instruction[][] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const instruction = { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)!.push(instruction);
  }
  return result;
}

const [deps, runtime] = stages(DOCKERFILE) as [Instruction[], Instruction[]];
const all = (stage: Instruction[], keyword: string) =>
  stage.filter((instruction) => instruction.keyword === keyword).map(({ args }) => args);
const one = (stage: Instruction[], keyword: string) => {
  const found = all(stage, keyword);
  expect(found, keyword).toHaveLength(1);
  return found[0]!;
};

/**
 * Every file src/main.ts and src/simulator/main.ts load, following relative imports, and the packages
 * they import. Type-only imports are left out: Node erases them.
 */
function runtimeImports(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = entries.map((entry) => resolve(ROOT, entry));
  const statement = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(statement)) {
      if (typeOnly) continue;
      if (specifier!.startsWith('.')) pending.push(resolve(dirname(file), specifier!));
      else if (!specifier!.startsWith('node:') && !builtinModules.includes(specifier!))
        packages.add(
          specifier!
            .split('/')
            .slice(0, specifier!.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  }
  return { files, packages };
}

describe('deploy/Dockerfile', () => {
  it('passes the Dockerfile language checker', () => {
    expect(validate(DOCKERFILE).map((diagnostic) => diagnostic.message)).toEqual([]);
    // The checker is live: it flags an unknown HEALTHCHECK flag.
    expect(validate('FROM node:24\nHEALTHCHECK --intervl=3s CMD true\n')).not.toEqual([]);
  });

  it('installs production dependencies in one stage and runs on node:24-bookworm-slim in another', () => {
    expect(one(deps, 'FROM')).toBe('node:24-bookworm-slim AS deps');
    expect(all(deps, 'RUN').join(' ')).toMatch(/\bnpm ci --omit=dev\b/);
    expect(one(runtime, 'FROM')).toBe('node:24-bookworm-slim AS runtime');
    expect(all(runtime, 'COPY')).toContain('--from=deps /app/node_modules ./node_modules');
    // The runtime stage installs and runs nothing through npm.
    expect(runtime.filter(({ args }) => /\bnpm\b/.test(args))).toEqual([]);
  });

  it('runs node itself with npm start’s flags, as the unprivileged node user, listening on all interfaces', () => {
    expect(JSON.parse(one(runtime, 'CMD'))).toEqual(['node', ...startNodeFlags(), 'src/main.ts']);
    expect(one(runtime, 'USER')).toBe('node');
    expect(one(runtime, 'EXPOSE')).toBe('4000');
    const env = one(runtime, 'ENV');
    for (const setting of ['NODE_ENV=production', 'HOST=0.0.0.0', 'PORT=4000'])
      expect(env.split(/\s+/)).toContain(setting);
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
  });

  it('copies only what runs, and .dockerignore lets exactly that into the build context', () => {
    const copied = all(runtime, 'COPY')
      .filter((args) => !args.startsWith('--from='))
      .flatMap((args) => args.split(/\s+/).slice(0, -1))
      .sort();
    expect(copied).toEqual(['package-lock.json', 'package.json', 'schema', 'src']);
    const ignore = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(ignore[0]).toBe('*');
    expect(
      ignore
        .slice(1)
        .map((line) => line.replace(/^!/, '').replace(/\/$/, ''))
        .sort(),
    ).toEqual(copied);
  });

  it('holds every package and file the gateway and the simulator load', () => {
    const { dependencies } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const { files, packages } = runtimeImports(['src/main.ts', 'src/simulator/main.ts']);
    // `npm ci --omit=dev` installs `dependencies` alone.
    expect([...packages].filter((name) => !(name in dependencies))).toEqual([]);
    const outside = [...files].filter(
      (file) => !relative(ROOT, file).startsWith('src/') || !existsSync(file),
    );
    expect(outside).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
  });

  it('has a health check that succeeds on a 200 from /healthz and fails otherwise', async () => {
    const healthcheck = one(runtime, 'HEALTHCHECK');
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
    expect(command[0]).toBe('node');
    let status = 200;
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/healthz' ? status : 404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, command.slice(1), {
        env: { ...process.env, ...env },
      }).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
    try {
      expect(await run({ PORT: String(port) })).toBe(0);
      status = 503;
      expect(await run({ PORT: String(port) })).toBe(1);
    } finally {
      await new Promise((done) => server.close(done));
    }
    // Nothing listening.
    expect(await run({ PORT: String(port) })).toBe(1);
  });
});
