import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

/**
 * One harness for a test file: started before its tests, closed after them, and the simulator back to
 * its seed before each test, so every test starts from the same upstream state and an empty request log.
 */
export function useHarness(options?: Parameters<typeof startHarness>[0]): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.simulator.reset();
  });
  return new Proxy({} as Harness, {
    get: (_, key) => {
      if (!current) throw new Error('The harness starts in beforeAll: use it inside tests.');
      return Reflect.get(current, key);
    },
  });
}
