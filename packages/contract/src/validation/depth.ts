// How deeply a value nests, measured without recursion: a hostile body may nest ten thousand
// levels, and any recursive walk (a check, JSON.stringify, a structured clone) would overflow
// the stack on it.

/** The spec's parameters nest three levels at most (params → images → string); this is far past any valid request. */
export const MAX_DEPTH = 32;

interface Entry {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Entry | undefined;
  readonly key: string | number;
}

/** The path of an entry, built only for the one reported. */
function pathOf(entry: Entry): string {
  let path = "";
  for (let at: Entry | undefined = entry; at?.parent !== undefined; at = at.parent) {
    const step = typeof at.key === "number" ? `[${at.key}]` : at.key;
    path = path === "" || path.startsWith("[") ? `${step}${path}` : `${step}.${path}`;
  }
  return path;
}

/** The path to the first object or list nested deeper than `limit`, or undefined when none is. */
export function tooDeep(value: unknown, limit: number = MAX_DEPTH): string | undefined {
  const stack: Entry[] = [{ value, depth: 0, parent: undefined, key: "" }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= limit) return pathOf(next);
    const items: [string | number, unknown][] = Array.isArray(next.value)
      ? next.value.map((item, i) => [i, item])
      : Object.entries(next.value);
    for (const [key, item] of items) stack.push({ value: item, depth: next.depth + 1, parent: next, key });
  }
  return undefined;
}
