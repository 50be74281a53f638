// The one base every vidu-extend error shares, so that a Promise user can ask two questions of
// any failure without knowing its kind: may trying again help, and may credits have been spent.
import * as Data from "effect/Data";

const BRAND = Symbol.for("@vidu-extend/error");

/**
 * Every error the vidu-extend packages raise: `instanceof ViduExtendError` (or
 * `isViduExtendError(e)`, which also holds across two copies of the package), with `_tag`
 * naming its kind for `Effect.catchTag`.
 */
export abstract class ViduExtendError extends Data.Error<{ readonly message?: string }> {
  abstract readonly _tag: string;
  /** The same call, made again later as it is, may succeed (and cannot create a second task). */
  abstract readonly retryable: boolean;
  /** A task may exist because of this call, so credits may have been spent: look before submitting again. */
  abstract readonly mayHaveBilled: boolean;
}
Object.defineProperty(ViduExtendError.prototype, BRAND, { value: true });

/** True for every error of the vidu-extend packages, even from another copy of them. */
export const isViduExtendError = (error: unknown): error is ViduExtendError =>
  typeof error === "object" && error !== null && (error as { readonly [BRAND]?: unknown })[BRAND] === true;

/**
 * A ViduExtendError class with a `_tag` and typed fields, used like `Data.TaggedError`:
 * `class X extends TaggedViduError("X")<{ readonly field: string }> { … }`.
 */
export const TaggedViduError = <Tag extends string>(
  tag: Tag,
): (abstract new <A extends Record<string, unknown> = Record<never, never>>(
  args: {
    readonly [P in keyof A as P extends "_tag" ? never : P]: A[P];
  },
) => ViduExtendError & { readonly _tag: Tag } & Readonly<A>) => {
  abstract class Tagged extends ViduExtendError {
    readonly _tag: Tag = tag;
  }
  // As Data.TaggedError does: stacks and logs print the kind.
  Tagged.prototype.name = tag;
  return Tagged as never;
};
