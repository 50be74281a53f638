// How deeply a value nests, measured without recursion: a hostile body may nest ten thousand
// levels, and any recursive walk (a check, JSON.stringify, a structured clone) would overflow
// the stack on it.

/** The spec's parameters nest three levels at most (params → images → string); this is far past any valid request. */
export const MAX_DEPTH = 32;

/** The path to the first object or list nested deeper than `limit`, or undefined when none is. */
export function tooDeep(value: unknown, limit: number = MAX_DEPTH): string | undefined {
  const stack: { readonly value: unknown; readonly depth: number; readonly path: string }[] = [
    { value, depth: 0, path: "" },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= limit) return next.path;
    if (Array.isArray(next.value)) {
      next.value.forEach((item, i) => stack.push({ value: item, depth: next.depth + 1, path: `${next.path}[${i}]` }));
    } else {
      for (const [key, item] of Object.entries(next.value))
        stack.push({ value: item, depth: next.depth + 1, path: next.path === "" ? key : `${next.path}.${key}` });
    }
  }
  return undefined;
}
