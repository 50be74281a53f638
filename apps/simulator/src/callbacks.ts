// Delivers each status change of a task to its callback_url, signed as the provider signs, with
// the misbehaviour the provider is known for (and more, on request): terminal deliveries resent
// up to 3 times until a 2xx, duplicates, reordering, delays, bad signatures.
import { signCallback } from "@vidu-extend/core";
import type { CallbackFaults } from "./options.js";
import type { Random } from "./random.js";

export interface CallbackStats {
  /** Deliveries attempted (each resend and duplicate counts). */
  sent: number;
  /** Answered 2xx. */
  delivered: number;
  /** Refused or unreachable. */
  failed: number;
  /** Sent with a corrupted signature on purpose. */
  missigned: number;
}

export interface Delivery {
  readonly url: string;
  readonly body: string;
  readonly secret: string;
  readonly terminal: boolean;
  readonly taskId: string;
}

const TERMINAL_RESENDS = 3;

export class CallbackDispatcher {
  readonly stats: CallbackStats = { sent: 0, delivered: 0, failed: 0, missigned: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held = new Map<string, Delivery[]>();

  constructor(
    private readonly options: {
      readonly fetch: (request: Request) => Promise<Response>;
      readonly faults: CallbackFaults;
      readonly random: Random;
      readonly retryMs: number;
    },
  ) {}

  deliver(delivery: Delivery): void {
    if (this.options.faults.reorder === true && !delivery.terminal) {
      this.held.set(delivery.taskId, [...(this.held.get(delivery.taskId) ?? []), delivery]);
      return;
    }
    this.track(this.send(delivery, delivery.terminal ? TERMINAL_RESENDS : 0));
    if (this.options.random.chance(this.options.faults.duplicateRate ?? 0)) this.track(this.send(delivery, 0));
    if (delivery.terminal) {
      // Held-back earlier states arrive after the end, as a late retry would.
      for (const late of this.held.get(delivery.taskId) ?? []) this.track(this.send(late, 0));
      this.held.delete(delivery.taskId);
    }
  }

  /** Resolves once every delivery started so far has finished (including its resends). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async send(delivery: Delivery, resends: number): Promise<void> {
    const { faults, random } = this.options;
    if ((faults.delayMs ?? 0) > 0) await sleep(faults.delayMs ?? 0);
    const signed = await signCallback({ url: delivery.url, body: delivery.body, secret: delivery.secret, date: new Date() });
    const headers: Record<string, string> = { ...signed.headers, "content-type": "application/json" };
    if (random.chance(faults.missignRate ?? 0)) {
      headers["X-HMAC-SIGNATURE"] = corrupt(headers["X-HMAC-SIGNATURE"] ?? "");
      this.stats.missigned++;
    }
    this.stats.sent++;
    let ok = false;
    try {
      const response = await this.options.fetch(new Request(delivery.url, { method: "POST", headers, body: signed.body }));
      await response.body?.cancel();
      ok = response.ok;
    } catch {
      ok = false;
    }
    if (ok) {
      this.stats.delivered++;
      return;
    }
    this.stats.failed++;
    if (resends > 0) {
      await sleep(this.options.retryMs);
      await this.send(delivery, resends - 1);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Flips the first character to another base64 one: still well-formed, never valid. */
function corrupt(signature: string): string {
  const first = signature[0] === "A" ? "B" : "A";
  return `${first}${signature.slice(1)}`;
}
