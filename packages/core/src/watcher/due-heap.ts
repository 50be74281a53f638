// A binary min-heap of things due at a Clock time, with removal of any node in O(log n): each
// node knows its place, so a wait that ends or a task a callback makes due now leaves no stale
// entry behind (and no timer armed for it). Equal times come out in the order they went in.

export interface DueNode<T> {
  readonly value: T;
  dueMs: number;
  /** Place in the heap; -1 when not in it. */
  index: number;
  seq: number;
}

export interface DueHeap<T> {
  readonly size: () => number;
  readonly peek: () => DueNode<T> | undefined;
  readonly push: (value: T, dueMs: number) => DueNode<T>;
  readonly pop: () => DueNode<T> | undefined;
  /** Removes `node` if it is still in the heap. */
  readonly remove: (node: DueNode<T>) => void;
}

export function makeDueHeap<T>(): DueHeap<T> {
  const nodes: DueNode<T>[] = [];
  let seq = 0;
  const before = (a: DueNode<T>, b: DueNode<T>) => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
  const place = (node: DueNode<T>, index: number) => {
    nodes[index] = node;
    node.index = index;
  };
  const up = (start: number) => {
    const node = nodes[start] as DueNode<T>;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = nodes[parentIndex] as DueNode<T>;
      if (!before(node, parent)) break;
      place(parent, index);
      index = parentIndex;
    }
    place(node, index);
  };
  const down = (start: number) => {
    const node = nodes[start] as DueNode<T>;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= nodes.length) break;
      const right = left + 1;
      const child =
        right < nodes.length && before(nodes[right] as DueNode<T>, nodes[left] as DueNode<T>) ? right : left;
      if (!before(nodes[child] as DueNode<T>, node)) break;
      place(nodes[child] as DueNode<T>, index);
      index = child;
    }
    place(node, index);
  };
  const removeAt = (index: number): DueNode<T> => {
    const node = nodes[index] as DueNode<T>;
    const last = nodes.pop() as DueNode<T>;
    if (last !== node) {
      place(last, index);
      up(index);
      down(last.index);
    }
    node.index = -1;
    return node;
  };
  return {
    size: () => nodes.length,
    peek: () => nodes[0],
    push: (value, dueMs) => {
      const node: DueNode<T> = { value, dueMs, index: nodes.length, seq: seq++ };
      nodes.push(node);
      up(node.index);
      return node;
    },
    pop: () => (nodes.length === 0 ? undefined : removeAt(0)),
    remove: (node) => {
      if (node.index >= 0 && nodes[node.index] === node) removeAt(node.index);
    },
  };
}
