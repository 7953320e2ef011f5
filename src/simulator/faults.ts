/** Injected faults: rules matched in insertion order, each good for `times` requests. */
import type { FaultRule } from './types.ts';

export interface FaultTarget {
  method: string;
  /** As received (percent-encoded). */
  path: string;
  operationId: string | undefined;
}

export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching the request, spending one of its uses. */
  take(target: FaultTarget): FaultRule | undefined {
    const entry = this.rules.find(({ rule, remaining }) => remaining > 0 && matches(rule, target));
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.rule;
  }
}

/** Whether the rule answers in place of the API (rather than only delaying it). */
export function replacesAnswer(rule: FaultRule): boolean {
  return (
    rule.status !== undefined ||
    rule.body !== undefined ||
    rule.rawBody !== undefined ||
    rule.reset === true ||
    rule.hang === true
  );
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method && rule.method.toUpperCase() !== target.method) return false;
  if (rule.operationId && rule.operationId !== target.operationId) return false;
  if (rule.path === undefined) return true;
  const paths = [target.path, safeDecode(target.path)];
  if (rule.path instanceof RegExp) {
    const pattern = rule.path;
    return paths.some((path) => pattern.test(path));
  }
  const wanted = rule.path;
  return wanted.endsWith('*')
    ? paths.some((path) => path.startsWith(wanted.slice(0, -1)))
    : paths.includes(wanted);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
