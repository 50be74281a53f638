// From a seed error code back to its model, the page's text, and the parameter it concerns:
// a gateway refusal can then name the field like a client-side violation does.
import type { ErrorCodeInfo, ErrorCodesByModel, ParamSchema } from "./contract-data-types.js";
import { contractData, errorCatalogue } from "./generated/contract-data.js";

export interface SeedCodeInfo {
  readonly code: string;
  readonly model: string;
  /** The model page's text for the code. */
  readonly description: string;
  /** The parameter whose rules answer this code; absent for failures of the generation itself. */
  readonly field?: string;
  /** For a code a failed task carries: whether the same job can succeed later (`transient`) or may fail again (`generation`). */
  readonly failure?: ErrorCodeInfo["failure"];
}

function fieldsByCode(): Map<string, string> {
  const fields = new Map<string, string>();
  const note = (codes: ErrorCodesByModel | undefined, field: string) => {
    for (const code of Object.values(codes ?? {})) if (!fields.has(code)) fields.set(code, field);
  };
  const params = contractData.params as ParamSchema;
  note(params["x-error-codes"], (params.oneOf ?? []).flatMap((branch) => branch.required ?? []).join("|"));
  for (const [name, schema] of Object.entries(params.properties ?? {})) {
    note(schema["x-error-codes"], name);
    if (schema.items !== undefined) {
      note(schema.items["x-error-codes"], `${name}[0]`);
      note(schema.items["x-data-uri"]?.["x-error-codes"], `${name}[0]`);
    }
  }
  return fields;
}

let fields: Map<string, string> | undefined;

/** The parameter a seed code answers for, read from the rules alone (no catalogue in the bundle). */
export function seedCodeField(code: string): string | undefined {
  fields ??= fieldsByCode();
  return fields.get(code);
}

export function seedCodeInfo(code: string): SeedCodeInfo | undefined {
  const info = (errorCatalogue as Readonly<Record<string, ErrorCodeInfo>>)[code];
  if (info === undefined) return undefined;
  const field = seedCodeField(code);
  return field === undefined ? { code, ...info } : { code, ...info, field };
}
