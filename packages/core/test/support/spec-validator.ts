// The spec's `Task` schema as a JSON Schema validator, for checking that the test arbitraries
// produce bodies the spec really allows.
//
// core declares no JSON Schema validator and must not gain one for this. A bare `import("ajv")`
// does not resolve from packages/core, but Prism validates with ajv, so the very ajv Prism uses is
// reached through core's declared devDependency chain: @vidu-extend/prism-harness →
// @stoplight/prism-cli → @stoplight/prism-http → ajv. If that chain ever stops resolving, the
// loader answers undefined and the schema checks are skipped (they say so), instead of failing.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { spec } from "./spec.js";

export interface SchemaIssue {
  readonly instancePath: string;
  readonly message?: string;
}
export type ValidateFn = ((data: unknown) => boolean) & { errors?: readonly SchemaIssue[] | null };

export interface TaskValidator {
  readonly validate: ValidateFn;
  /** Where the validator came from, for the test names. */
  readonly ajvPath: string;
  /** The issues of the last refused body, one line each. */
  readonly explain: () => string;
}

interface AjvInstance {
  compile(schema: unknown): ValidateFn;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

function resolvePrismAjv(): string | undefined {
  try {
    const fromCore = createRequire(import.meta.url);
    const fromHarness = createRequire(fromCore.resolve("@vidu-extend/prism-harness"));
    const fromCli = createRequire(fromHarness.resolve("@stoplight/prism-cli/package.json"));
    const fromHttp = createRequire(fromCli.resolve("@stoplight/prism-http/package.json"));
    // OpenAPI 3.1 schemas are JSON Schema 2020-12.
    return fromHttp.resolve("ajv/dist/2020.js");
  } catch {
    return undefined;
  }
}

export async function loadTaskValidator(): Promise<TaskValidator | undefined> {
  const ajvPath = resolvePrismAjv();
  if (ajvPath === undefined) return undefined;
  const module = (await import(pathToFileURL(ajvPath).href)) as { default: AjvConstructor | { default: AjvConstructor } };
  const Ajv2020: AjvConstructor = "default" in module.default ? module.default.default : module.default;
  // strict: false lets the spec's vendor keywords (x-error-codes, example, …) through, as Prism does.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The Task schema's $refs point into #/components/schemas, so the schemas keep that path.
  const validate = ajv.compile({ components: { schemas: spec.components.schemas }, $ref: "#/components/schemas/Task" });
  const explain = () => (validate.errors ?? []).map((issue) => `${issue.instancePath || "(body)"} ${issue.message ?? ""}`).join("\n");
  return { validate, ajvPath, explain };
}
