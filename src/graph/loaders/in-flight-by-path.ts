/**
 * Work under way in one operation, by upstream path: what a by-key load may wait for before making a
 * call of its own (src/graph/loaders/load-by-key.ts).
 */
export class InFlightByPath {
  private readonly byPath = new Map<string, Set<Promise<unknown>>>();

  /** Counts `work` as under way for `path` until it settles. */
  track(path: string, work: Promise<unknown>): void {
    const working = this.byPath.get(path) ?? new Set();
    this.byPath.set(path, working.add(work));
    const settle = () => {
      working.delete(work);
      if (working.size === 0 && this.byPath.get(path) === working) this.byPath.delete(path);
    };
    work.then(settle, settle);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Resolves once the work of `path` under way now has settled, however it ended. */
  async settled(path: string): Promise<void> {
    const working = this.byPath.get(path);
    if (working) await Promise.all([...working].map((work) => work.catch(() => undefined)));
  }
}
