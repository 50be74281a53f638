// Which fault, if any, a request meets: two draws per request from the endpoint's own seeded
// stream, so the same seed and the same request order give the same faults.
import type { EndpointFaults } from "./options.js";
import type { Random } from "./random.js";

export type Fault =
  | { readonly kind: "none" }
  | { readonly kind: "status"; readonly status: 429 | 500 | 502 | 503 | 504; readonly retryAfterSeconds?: number }
  | { readonly kind: "drop-before-record" }
  | { readonly kind: "drop-after-record" }
  | { readonly kind: "malformed" }
  | { readonly kind: "truncated" };

export interface FaultDraw {
  readonly fault: Fault;
  readonly slowMs: number;
}

export function faultPlan(faults: EndpointFaults | undefined, random: Random): () => FaultDraw {
  const table: [number, Fault][] = [
    [faults?.rate429 ?? 0, { kind: "status", status: 429, retryAfterSeconds: faults?.retryAfterSeconds ?? 1 }],
    [faults?.rate500 ?? 0, { kind: "status", status: 500 }],
    [faults?.rate502 ?? 0, { kind: "status", status: 502 }],
    [faults?.rate503 ?? 0, { kind: "status", status: 503, retryAfterSeconds: faults?.retryAfterSeconds ?? 1 }],
    [faults?.rate504 ?? 0, { kind: "status", status: 504 }],
    [faults?.dropBeforeRecord ?? 0, { kind: "drop-before-record" }],
    [faults?.dropAfterRecord ?? 0, { kind: "drop-after-record" }],
    [faults?.malformedRate ?? 0, { kind: "malformed" }],
    [faults?.truncatedRate ?? 0, { kind: "truncated" }],
  ];
  const total = table.reduce((sum, [rate]) => sum + rate, 0);
  if (total > 1) throw new Error(`fault rates add up to ${total}; at most 1 is possible`);
  return () => {
    // Always two draws, whatever the rates, so that turning one knob does not shift the others.
    const roll = random.next();
    const slow = random.next() < (faults?.slowRate ?? 0);
    let floor = 0;
    let fault: Fault = { kind: "none" };
    for (const [rate, candidate] of table) {
      if (roll < floor + rate) {
        fault = candidate;
        break;
      }
      floor += rate;
    }
    return { fault, slowMs: slow ? (faults?.slowMs ?? 2_000) : 0 };
  };
}
