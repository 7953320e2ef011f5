import { readFileSync } from 'node:fs';

/**
 * How production starts the gateway: `npm start`'s node flags and entry point (package.json), so the
 * bench and the process tests run what users run. Answers the arguments after `node`.
 */
export function startArguments(): string[] {
  const { scripts } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } };
  const [program, ...args] = scripts.start.split(/\s+/);
  if (program !== 'node') throw new Error(`npm start must run node directly, not ${program}`);
  return args;
}

/**
 * `npm start`'s node flags, which the image (deploy/Dockerfile) and docker-compose.yml must repeat:
 * the arguments before the entry point, less `--import tsx`, the loader development runs TypeScript
 * with. The image runs the same sources through Node's own type stripping, without dev dependencies.
 */
export function startNodeFlags(): string[] {
  const flags: string[] = [];
  const args = startArguments();
  // Flags whose value is the next argument; every other flag is one argument (`--name=value`).
  const valued = new Set(['--import', '--require', '-r', '--loader', '--env-file']);
  for (let i = 0; i < args.length && args[i]!.startsWith('-'); i++) {
    const flag = args[i]!;
    if (!valued.has(flag)) {
      if (flag !== '--import=tsx') flags.push(flag);
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new Error(`npm start: ${flag} lacks its value`);
    if (!(flag === '--import' && value === 'tsx')) flags.push(flag, value);
  }
  return flags;
}
