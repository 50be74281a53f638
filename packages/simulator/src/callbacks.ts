// Delivers each status change of a task to its callback_url, signed as the provider signs, with
// the misbehaviour the provider is known for (and more, on request): terminal deliveries resent
// up to 3 times until a 2xx, duplicates, replays, reordering, delays, bad signatures.
import { signCallback } from "@vidu-extend/core/testing";
import type { CallbackFaults } from "./options.js";
import type { Random } from "./random.js";

export interface CallbackStats {
  /** Delivery attempts made (each resend, duplicate and replay counts). */
  sent: number;
  /** Answered 2xx. */
  delivered: number;
  /** Refused or unreachable. */
  failed: number;
  /** Sent with a corrupted signature on purpose. */
  missigned: number;
  /** Sent again byte for byte (same nonce and signature) on purpose. */
  replayed: number;
}

export interface Delivery {
  readonly url: string;
  readonly body: string;
  readonly secret: string;
  readonly terminal: boolean;
  readonly taskId: string;
}

/** Every random choice about one delivery, drawn up front so that a seed reproduces them. */
interface Plan {
  /** Whether attempt n (the first, then each resend) is mis-signed. */
  readonly missigned: readonly boolean[];
  /** Sent once more on its own (no resends), and whether that copy is mis-signed. */
  readonly duplicate: { readonly missigned: boolean } | undefined;
  readonly replay: boolean;
}

const TERMINAL_RESENDS = 3;

export class CallbackDispatcher {
  readonly stats: CallbackStats = { sent: 0, delivered: 0, failed: 0, missigned: 0, replayed: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held = new Map<string, Delivery[]>();
  private readonly aborter = new AbortController();

  constructor(
    private readonly options: {
      readonly fetch: (request: Request) => Promise<Response>;
      readonly faults: CallbackFaults;
      readonly random: Random;
      readonly retryMs: number;
    },
  ) {}

  deliver(delivery: Delivery): void {
    if (this.aborter.signal.aborted) return;
    if (this.options.faults.reorder === true && !delivery.terminal) {
      this.held.set(delivery.taskId, [...(this.held.get(delivery.taskId) ?? []), delivery]);
      return;
    }
    const resends = delivery.terminal ? TERMINAL_RESENDS : 0;
    const late = delivery.terminal ? (this.held.get(delivery.taskId) ?? []) : [];
    this.held.delete(delivery.taskId);
    // Drawn now, in status-change order, never after an await: the same seed, the same faults.
    const plans = [delivery, ...late].map((each) => this.plan(each === delivery ? resends : 0));
    this.track(
      (async () => {
        await this.send(delivery, plans[0] as Plan);
        // Held-back earlier states arrive only after the end was answered, as a late retry would.
        await Promise.all(late.map((each, i) => this.send(each, plans[i + 1] as Plan)));
      })(),
    );
  }

  /** Resolves once every delivery started so far has finished (including its resends). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Waits for deliveries under way, then forgets held ones and the counts: a fresh start. */
  async reset(): Promise<void> {
    await this.idle();
    this.held.clear();
    Object.assign(this.stats, { sent: 0, delivered: 0, failed: 0, missigned: 0, replayed: 0 });
  }

  /** Stops: nothing new is sent, and deliveries under way are abandoned. */
  async close(): Promise<void> {
    this.aborter.abort();
    await this.idle();
  }

  private plan(resends: number): Plan {
    const { random, faults } = this.options;
    const missigned = Array.from({ length: resends + 1 }, () => random.chance(faults.missignRate ?? 0));
    const duplicate = random.chance(faults.duplicateRate ?? 0)
      ? { missigned: random.chance(faults.missignRate ?? 0) }
      : undefined;
    return { missigned, duplicate, replay: random.chance(faults.replayRate ?? 0) };
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async send(delivery: Delivery, plan: Plan): Promise<void> {
    const sends = [this.attempt(delivery, plan, 0, plan.replay)];
    if (plan.duplicate !== undefined) {
      sends.push(
        this.attempt(
          delivery,
          { missigned: [plan.duplicate.missigned], duplicate: undefined, replay: false },
          0,
          false,
        ),
      );
    }
    await Promise.all(sends);
  }

  /** One delivery with its resends; `replay` sends the delivered request once more, unchanged. */
  private async attempt(delivery: Delivery, plan: Plan, attempt: number, replay: boolean): Promise<void> {
    const { faults, fetch } = this.options;
    if ((faults.delayMs ?? 0) > 0) await sleep(faults.delayMs ?? 0);
    const signed = await signCallback({
      url: delivery.url,
      body: delivery.body,
      secret: delivery.secret,
      date: new Date(),
    });
    const headers: Record<string, string> = { ...signed.headers, "content-type": "application/json" };
    if (plan.missigned[attempt] === true) {
      headers["X-HMAC-SIGNATURE"] = corrupt(headers["X-HMAC-SIGNATURE"] ?? "");
      this.stats.missigned++;
    }
    const post = async () => {
      if (this.aborter.signal.aborted) return false;
      this.stats.sent++;
      try {
        const response = await fetch(
          new Request(delivery.url, { method: "POST", headers, body: signed.body, signal: this.aborter.signal }),
        );
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    };
    const ok = await post();
    if (ok) {
      this.stats.delivered++;
      if (replay) {
        this.stats.replayed++;
        await post();
      }
      return;
    }
    this.stats.failed++;
    if (attempt < plan.missigned.length - 1 && !this.aborter.signal.aborted) {
      await sleep(this.options.retryMs);
      await this.attempt(delivery, plan, attempt + 1, replay);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Flips the first character to another base64 one: still well-formed, never valid. */
function corrupt(signature: string): string {
  const first = signature[0] === "A" ? "B" : "A";
  return `${first}${signature.slice(1)}`;
}
