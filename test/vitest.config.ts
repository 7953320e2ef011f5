import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships CJS and ESM builds. Yoga, loaded by Node, gets the CJS one; without this alias Vite
  // would hand our modules the ESM one, and `instanceof GraphQLError` would fail across the two copies,
  // which never happens in production, where Node resolves both the same way.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
