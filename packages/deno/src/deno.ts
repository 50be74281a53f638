// The slice of Deno's namespace this adapter uses, typed here instead of with Deno's own types:
// the package then compiles under tsc with Node's types and runs unchanged under Deno.
export interface DenoNamespace {
  readonly env: { get(name: string): string | undefined };
  readonly errors: { readonly NotCapable: abstract new (...args: never[]) => Error };
}

/** The `Deno` global, looked up when called. */
export const deno = (): DenoNamespace => (globalThis as unknown as { readonly Deno: DenoNamespace }).Deno;
