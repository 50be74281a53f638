// Loaded with `node --import` by test runners only (never by shipped code). Node 20 lacks
// Map.groupBy and Object.groupBy (Node 21+), which vitest 5's reporter calls when it prints
// failures; without them a failing run crashes instead of saying what failed.
function groupInto(items, keyOf, add) {
  let index = 0;
  for (const item of items) add(keyOf(item, index++), item);
}
if (typeof Map.groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = new Map();
      groupInto(items, keyOf, (key, item) => (groups.get(key) ?? groups.set(key, []).get(key)).push(item));
      return groups;
    },
  });
}
if (typeof Object.groupBy !== "function") {
  Object.defineProperty(Object, "groupBy", {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = Object.create(null);
      groupInto(items, keyOf, (key, item) => {
        groups[key] ??= [];
        groups[key].push(item);
      });
      return groups;
    },
  });
}
