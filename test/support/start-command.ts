import { readFileSync } from 'node:fs';

// Any of these would load code before the entry point, and production has no dev dependency to load it from.
const LOADER_FLAGS = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;

/**
 * How production starts the gateway: `npm start`'s node flags and entry point (package.json), so the
 * bench and the process tests run what users run. Answers the arguments after `node`. Node runs the
 * TypeScript sources with its own type stripping, so `npm start` may name no loader such as tsx.
 */
export function startArguments(): string[] {
  const { scripts } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } };
  const [program, ...args] = scripts.start.split(/\s+/);
  if (program !== 'node') throw new Error(`npm start must run node directly, not ${program}`);
  const loader = args.find((arg) => LOADER_FLAGS.test(arg));
  if (loader) throw new Error(`npm start must not load anything before src/main.ts: ${loader}`);
  return args;
}

/**
 * `npm start`'s node flags, which the image (deploy/Dockerfile) and docker-compose.yml must repeat
 * before the entry point, since they start node itself: npm would not wait for the graceful shutdown.
 */
export function startNodeFlags(): string[] {
  const args = startArguments();
  if (args.at(-1) !== 'src/main.ts')
    throw new Error(`npm start must end with the entry point src/main.ts, not ${args.at(-1)}`);
  const flags = args.slice(0, -1);
  const stray = flags.find((flag) => !flag.startsWith('-'));
  if (stray) throw new Error(`npm start: ${stray} is neither a flag nor the entry point`);
  return flags;
}
