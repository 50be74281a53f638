// The in-flight cap as a Durable Object: a semaphore of leases, one object per API key. A slot is
// taken before a create is sent and given back when the task finishes (callback, poll or cron);
// a lease expires on its own so that a lost task or an ambiguous create cannot keep it forever.
// A Durable Object runs its requests one at a time, so acquire is a true compare-and-set.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env.js";

export interface LimiterStats {
  readonly cap: number;
  readonly inFlight: number;
  /** The most slots ever held at once. */
  readonly maxInFlight: number;
  readonly acquired: number;
  /** Acquire calls that found no free slot. */
  readonly refused: number;
  readonly expired: number;
  readonly holders: readonly string[];
}

interface State {
  slots: Record<string, number>;
  maxInFlight: number;
  acquired: number;
  refused: number;
  expired: number;
}

const EMPTY: State = { slots: {}, maxInFlight: 0, acquired: 0, refused: 0, expired: 0 };

export class Limiter extends DurableObject<Env> {
  private state: State = structuredClone(EMPTY);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<State>("state")) ?? structuredClone(EMPTY);
    });
  }

  private expire(now: number): void {
    for (const [holder, expiresAt] of Object.entries(this.state.slots)) {
      if (expiresAt <= now) {
        delete this.state.slots[holder];
        this.state.expired++;
      }
    }
  }

  private save(): Promise<void> {
    return this.ctx.storage.put("state", this.state);
  }

  /** Takes a slot for `holder` (true), or finds none free (false). Taking it again renews the lease. */
  async acquire(holder: string, cap: number, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    this.expire(now);
    const held = holder in this.state.slots;
    if (!held && Object.keys(this.state.slots).length >= cap) {
      this.state.refused++;
      await this.save();
      return false;
    }
    this.state.slots[holder] = now + leaseMs;
    if (!held) this.state.acquired++;
    this.state.maxInFlight = Math.max(this.state.maxInFlight, Object.keys(this.state.slots).length);
    await this.save();
    return true;
  }

  async release(holder: string): Promise<void> {
    if (!(holder in this.state.slots)) return;
    delete this.state.slots[holder];
    await this.save();
  }

  async stats(cap: number): Promise<LimiterStats> {
    this.expire(Date.now());
    const holders = Object.keys(this.state.slots);
    return {
      cap,
      inFlight: holders.length,
      maxInFlight: this.state.maxInFlight,
      acquired: this.state.acquired,
      refused: this.state.refused,
      expired: this.state.expired,
      holders,
    };
  }
}
