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
