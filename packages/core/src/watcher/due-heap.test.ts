import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDueHeap, type DueNode } from "./due-heap.js";

describe("the due-time heap", () => {
  it("pops in due order, equal times in insertion order, after any removals", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 60 }), (items) => {
        const heap = makeDueHeap<number>();
        const nodes: DueNode<number>[] = items.map(([due], i) => heap.push(i, due));
        items.forEach(([, removed], i) => {
          if (removed) heap.remove(nodes[i] as DueNode<number>);
        });
        const expected = items
          .map(([due, removed], i) => ({ due, removed, i }))
          .filter((x) => !x.removed)
          .sort((a, b) => a.due - b.due || a.i - b.i)
          .map((x) => x.i);
        const popped: number[] = [];
        for (let node = heap.pop(); node !== undefined; node = heap.pop()) popped.push(node.value);
        expect(popped).toEqual(expected);
        expect(heap.size()).toBe(0);
      }),
    );
  });

  it("ignores a second removal of the same node", () => {
    const heap = makeDueHeap<string>();
    const a = heap.push("a", 1);
    heap.push("b", 2);
    heap.remove(a);
    heap.remove(a);
    expect(heap.size()).toBe(1);
    expect(heap.peek()?.value).toBe("b");
  });
});
