/**
 * Deterministic ObjectId-like ids: 8 hex digits of creation time (seconds), a fixed 6-digit "machine"
 * part, then a 10-digit counter. The timestamp part agrees with the entity's creation time, as in Atlas.
 */
const MACHINE = '5a11a5';

export class IdGenerator {
  private counter: number;

  constructor(counter = 0) {
    this.counter = counter;
  }

  next(createdAtMs: number): string {
    this.counter += 1;
    const seconds = Math.max(0, Math.floor(createdAtMs / 1000));
    return (
      seconds.toString(16).padStart(8, '0').slice(-8) +
      MACHINE +
      this.counter.toString(16).padStart(10, '0')
    );
  }

  get issued(): number {
    return this.counter;
  }
}

/** A fixed UUID built from a small number, for masterKeyUUID/tenantId style fields. */
export function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `5a11a5e0-0000-4000-8000-${hex}`;
}
