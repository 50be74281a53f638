// The order in which a memory nonce store forgets: earliest expiry first.

export interface ExpiryEntry {
  readonly nonce: string;
  readonly expiresAtMs: number;
}

/** A binary min-heap on expiry: pruning and eviction both take the earliest-expiring entry. */
export class ExpiryHeap {
  private readonly entries: ExpiryEntry[] = [];

  peek(): ExpiryEntry | undefined {
    return this.entries[0];
  }

  push(entry: ExpiryEntry): void {
    const entries = this.entries;
    let index = entries.push(entry) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (entries[parent]!.expiresAtMs <= entry.expiresAtMs) break;
      entries[index] = entries[parent]!;
      index = parent;
    }
    entries[index] = entry;
  }

  pop(): ExpiryEntry | undefined {
    const entries = this.entries;
    const first = entries[0];
    const last = entries.pop();
    if (first === undefined || last === undefined || entries.length === 0) return first;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= entries.length) break;
      const right = left + 1;
      const child = right < entries.length && entries[right]!.expiresAtMs < entries[left]!.expiresAtMs ? right : left;
      if (entries[child]!.expiresAtMs >= last.expiresAtMs) break;
      entries[index] = entries[child]!;
      index = child;
    }
    entries[index] = last;
    return first;
  }
}
