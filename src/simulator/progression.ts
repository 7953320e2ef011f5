/**
 * Lazily computed progress of jobs created through the API: a job's state is a pure function of the
 * clock, read on every GET, so tests drive it with `now` and no timers are left running.
 */
import type { Progression } from './store.ts';

/** 0 at creation, 1 once `durationMs` has passed. */
export function elapsedFraction(progression: Progression, now: number): number {
  if (progression.durationMs <= 0) return 1;
  return Math.min(1, Math.max(0, (now - progression.startedAt) / progression.durationMs));
}

export interface Stage<S> {
  /** Fraction of the duration at which this stage begins (the first must be 0). */
  from: number;
  value: S;
}

/** The stage reached at `now`, and when it began (a job's lastUpdatedDate). */
export function currentStage<S>(
  progression: Progression,
  now: number,
  stages: readonly Stage<S>[],
): { value: S; since: number } {
  const fraction = elapsedFraction(progression, now);
  let reached = stages[0];
  for (const stage of stages) if (stage.from <= fraction) reached = stage;
  if (!reached) throw new Error('currentStage needs at least one stage');
  return {
    value: reached.value,
    since: progression.startedAt + Math.round(reached.from * progression.durationMs),
  };
}

export function newProgression(now: number, durationMs: number, fails = false): Progression {
  return { startedAt: now, durationMs, fails };
}
