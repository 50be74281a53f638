// The shape of src/generated/contract-data.ts: what the generator reads from the spec for
// validation and transport. Only the shape lives here; every value comes from the spec.

/** Seed error code per model id, e.g. `{ viduq2_pro_extend: "008012004", … }`. */
export type ErrorCodesByModel = Readonly<Record<string, string>>;

export type JsonType = "string" | "integer" | "number" | "boolean" | "array" | "object" | "null";

/** What JSON Schema cannot say about a base64 data-URI image (`x-data-uri`). */
export interface DataUriRules {
  readonly maxDecodedBytes?: number;
  readonly aspectRatio?: { readonly min: number; readonly max: number };
  readonly "x-error-codes"?: ErrorCodesByModel;
}

/** The subset of JSON Schema (plus our extensions) that request parameters use. */
export interface ParamSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: ParamSchema;
  readonly properties?: Readonly<Record<string, ParamSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly oneOf?: readonly ParamSchema[];
  readonly contentMediaType?: string;
  readonly contentSchema?: ParamSchema;
  readonly "x-error-codes"?: ErrorCodesByModel;
  readonly "x-data-uri"?: DataUriRules;
  readonly "x-ignored-unless"?: Readonly<Record<string, unknown>>;
}

export interface BodyLimit {
  readonly limit: number;
  readonly "x-error-codes"?: ErrorCodesByModel;
}

export interface ErrorCodeInfo {
  readonly model: string;
  readonly description: string;
  /**
   * For a code a failed task carries: `transient` (the service failed; the same job can succeed
   * later) or `generation` (the model failed on this job; it may fail again with the same input).
   */
  readonly failure?: "transient" | "generation";
}

export interface ContractData {
  readonly serverUrl: string;
  readonly models: readonly string[];
  readonly params: ParamSchema;
  readonly maxBody?: BodyLimit;
}

/** Every seed error code with its model and the page's text (a separate export, so that bundles that never describe a code leave it out). */
export type ErrorCatalogue = Readonly<Record<string, ErrorCodeInfo>>;
