import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What the polling replica tells the others about a watched object (its upstream JSON). */
export type SharedPollEvent =
  | { kind: 'object'; object: unknown }
  | { kind: 'end' }
  | { kind: 'error'; code: string; message: string };

/** Lets one replica poll a watched object for all of them (docs/graph.md, Watches). */
export interface PollCoordinator {
  /** How often a relaying replica checks whether the poller is gone. */
  readonly checkEveryMs: number;
  /** Takes the object's lease, or renews it when already ours; false when another replica polls. */
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
  publish(key: string, event: SharedPollEvent): Promise<void>;
  /** The last object published, so a replica joining late can answer its first event at once. */
  latest(key: string): Promise<unknown>;
  /** Delivers what the poller publishes; resolves to the function that stops listening. */
  listen(key: string, onEvent: (event: SharedPollEvent) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Take a free lease or renew our own, atomically; release only our own.
const CLAIM = `local owner = redis.call('GET', KEYS[1])
if owner == false or owner == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The Redis coordinator: a short lease per (credential, kind, object) names the replica that polls; it
 * publishes each change on the object's channel and the other replicas relay it to their subscribers. Keys are
 * hashed, so no credential identity appears in Redis.
 */
export class RedisPollCoordinator implements PollCoordinator {
  private readonly replica = randomUUID();
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<(event: SharedPollEvent) => void>>();

  private readonly redis: Redis;
  /** Outlives the longest gap between two polls, so a live poller never loses its lease. */
  private readonly leaseMs: number;
  readonly checkEveryMs: number;

  constructor(redis: Redis, leaseMs: number, checkEveryMs: number) {
    this.redis = redis;
    this.leaseMs = leaseMs;
    this.checkEveryMs = checkEveryMs;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => {}); // the main connection logs Redis trouble once
    this.subscriber.on('message', (channel: string, message: string) => {
      const event = JSON.parse(message) as SharedPollEvent;
      for (const listener of this.listeners.get(channel) ?? []) listener(event);
    });
  }

  private channel(key: string): string {
    return `atlas-graph:poll:${createHash('sha256').update(key).digest('hex')}`;
  }

  async claim(key: string): Promise<boolean> {
    return (
      (await this.redis.eval(
        CLAIM,
        1,
        `${this.channel(key)}:lease`,
        this.replica,
        this.leaseMs,
      )) === 1
    );
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.channel(key)}:lease`, this.replica);
  }

  async publish(key: string, event: SharedPollEvent): Promise<void> {
    const channel = this.channel(key);
    if (event.kind === 'object')
      await this.redis.set(`${channel}:latest`, JSON.stringify(event.object), 'PX', this.leaseMs);
    await this.redis.publish(channel, JSON.stringify(event));
  }

  async latest(key: string): Promise<unknown> {
    const stored = await this.redis.get(`${this.channel(key)}:latest`);
    return stored ? (JSON.parse(stored) as unknown) : undefined;
  }

  async listen(
    key: string,
    onEvent: (event: SharedPollEvent) => void,
  ): Promise<() => Promise<void>> {
    const channel = this.channel(key);
    const listeners = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, listeners.add(onEvent));
    if (listeners.size === 1) await this.subscriber.subscribe(channel);
    return async () => {
      listeners.delete(onEvent);
      if (listeners.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
