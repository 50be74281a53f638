// The spec's `Task` schema compiled with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses), to
// check that the test arbitraries produce bodies the spec really allows.
import { Ajv2020 } from "ajv/dist/2020.js";
import { spec } from "./spec.js";

export interface TaskValidator {
  readonly validate: (data: unknown) => boolean;
  /** The issues of the last refused body, one line each. */
  readonly explain: () => string;
}

export function taskValidator(): TaskValidator {
  // strict: false lets the spec's vendor keywords (x-error-codes, example, …) through, as Prism does.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The Task schema's $refs point into #/components/schemas, so the schemas keep that path.
  const validate = ajv.compile({ components: { schemas: spec.components.schemas }, $ref: "#/components/schemas/Task" });
  const explain = () =>
    (validate.errors ?? []).map((issue) => `${issue.instancePath || "(body)"} ${issue.message ?? ""}`).join("\n");
  return { validate: (data) => validate(data), explain };
}
