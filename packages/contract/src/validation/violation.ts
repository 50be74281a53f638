// What validation reports: every broken rule at once, each naming the field, the rule, a
// sentence for people, and the seed error code the chosen model would answer.

export interface Violation {
  /** The parameter, e.g. `prompt`, `images[0]`; `video_url|video_creation_id` for the source rule; `body` for the body size. */
  readonly field: string;
  /** The rule broken: a JSON Schema keyword (`maxLength`, `enum`, …) or ours (`maxDecodedBytes`, `aspectRatio`, `imageData`, `maxBodyBytes`). */
  readonly rule: string;
  readonly message: string;
  /** The seed error code the model answers for this rule, when its page gives one. */
  readonly code?: string;
}

/** Accepted, but probably not what was meant (e.g. `wm_url` without `watermark: true`). */
export interface Warning {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Warning[] }
  | { readonly ok: false; readonly violations: readonly Violation[]; readonly warnings: readonly Warning[] };
