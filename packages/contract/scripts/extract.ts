// Reads, from a bundled spec, what the contract package needs at run time (see
// src/contract-data-types.ts). Fails on any keyword the validator would not enforce, so a rule
// added to the spec can never be silently ignored by the client.
import type {
  BodyLimit,
  ContractData,
  ErrorCatalogue,
  ErrorCodeInfo,
  ParamSchema,
} from "../src/contract-data-types.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keywords the validator enforces (src/validation/check-schema.ts) or reads. */
const RULE_KEYWORDS = new Set([
  "type",
  "enum",
  "const",
  "default",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "items",
  "properties",
  "required",
  "additionalProperties",
  "oneOf",
  "contentMediaType",
  "contentSchema",
  "x-error-codes",
  "x-data-uri",
  "x-ignored-unless",
]);
/** Keywords that only document. */
const ANNOTATIONS = new Set(["description", "example", "examples", "title", "$comment"]);
const SUPPORTED_FORMATS = new Set(["uri"]);

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function at(root: JsonObject, pointer: string): Json {
  let node: Json = root;
  for (const raw of pointer.replace(/^#\//, "").split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(node) || !(key in node)) throw new Error(`spec: ${pointer} does not resolve`);
    node = node[key] as Json;
  }
  return node;
}

function deref(root: JsonObject, node: Json, seen: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => deref(root, item, seen));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`spec: circular $ref ${ref}`);
    return deref(root, at(root, ref), [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(root, v, seen)]));
}

/** Keeps the rules of a parameter schema and refuses what the validator would not enforce. */
function rulesOf(node: Json, where: string): ParamSchema {
  if (!isObject(node)) throw new Error(`spec: ${where} is not a schema object`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!RULE_KEYWORDS.has(key)) {
      throw new Error(`spec: ${where} uses "${key}", which the client validator does not enforce`);
    }
    if (key === "format" && !SUPPORTED_FORMATS.has(String(value))) {
      throw new Error(`spec: ${where} uses format "${String(value)}", which the validator does not check`);
    }
    if (key === "properties" && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, rulesOf(sub, `${where}.${name}`)]),
      );
    } else if (key === "items" || key === "contentSchema") {
      out[key] = rulesOf(value, `${where}.${key}`);
    } else if (key === "oneOf" && Array.isArray(value)) {
      out[key] = value.map((branch, i) => requiredOnly(branch, `${where}.oneOf[${i}]`));
    } else if (key === "x-data-uri" && isObject(value)) {
      const { description: _doc, ...rules } = value;
      out[key] = rules;
    } else {
      out[key] = value;
    }
  }
  return out as ParamSchema;
}

/** The validator reads oneOf as "exactly one of these sets of parameters": nothing else. */
function requiredOnly(node: Json, where: string): ParamSchema {
  const rules = rulesOf(node, where);
  const keys = Object.keys(rules);
  if (keys.length !== 1 || keys[0] !== "required") {
    throw new Error(`spec: ${where} may only list required parameters, the validator reads nothing else there`);
  }
  return rules;
}

function modelsOf(request: JsonObject): string[] {
  const discriminator = request["discriminator"];
  const mapping = isObject(discriminator) ? discriminator["mapping"] : undefined;
  if (!isObject(mapping)) throw new Error("spec: ExtendRequest has no discriminator mapping");
  return Object.keys(mapping);
}

function bodyLimitOf(request: JsonObject): BodyLimit | undefined {
  const limit = request["x-max-body-bytes"];
  if (limit === undefined) return undefined;
  if (!isObject(limit) || typeof limit["limit"] !== "number") {
    throw new Error("spec: ExtendRequest x-max-body-bytes needs a numeric limit");
  }
  const codes = limit["x-error-codes"];
  return isObject(codes)
    ? { limit: limit["limit"], "x-error-codes": codes as Record<string, string> }
    : { limit: limit["limit"] };
}

function errorCatalogue(schemas: JsonObject): Record<string, ErrorCodeInfo> {
  const catalogue: Record<string, ErrorCodeInfo> = {};
  for (const schema of Object.values(schemas)) {
    if (!isObject(schema)) continue;
    const descriptions = schema["x-enum-descriptions"];
    const model = schema["x-model"];
    if (!isObject(descriptions) || typeof model !== "string") continue;
    const kinds = isObject(schema["x-failure-kinds"]) ? schema["x-failure-kinds"] : {};
    for (const code of (schema["enum"] as Json[] | undefined) ?? []) {
      const description = descriptions[String(code)];
      if (typeof description !== "string") {
        throw new Error(`spec: error code ${String(code)} has no x-enum-descriptions entry`);
      }
      const failure = kinds[String(code)];
      if (failure !== undefined && failure !== "transient" && failure !== "generation") {
        throw new Error(
          `spec: x-failure-kinds of ${String(code)} is ${JSON.stringify(failure)}, not transient or generation`,
        );
      }
      catalogue[String(code)] = failure === undefined ? { model, description } : { model, description, failure };
    }
    for (const code of Object.keys(kinds)) {
      if (!catalogue[code]) throw new Error(`spec: x-failure-kinds names ${code}, which is not in the enumeration`);
    }
  }
  return catalogue;
}

export function extractContractData(spec: unknown): {
  readonly contractData: ContractData;
  readonly errorCatalogue: ErrorCatalogue;
} {
  const root = spec as JsonObject;
  const schemas = at(root, "#/components/schemas");
  if (!isObject(schemas)) throw new Error("spec: no components.schemas");
  const request = deref(root, at(root, "#/components/schemas/ExtendRequest"));
  if (!isObject(request)) throw new Error("spec: ExtendRequest is not an object");
  const servers = root["servers"];
  const server = Array.isArray(servers) && isObject(servers[0]) ? servers[0]["url"] : undefined;
  if (typeof server !== "string") throw new Error("spec: no servers[0].url");

  const models = modelsOf(request);
  const params = rulesOf(deref(root, at(root, "#/components/schemas/ExtendParams")), "ExtendParams");
  const maxBody = bodyLimitOf(request);
  const errorCodes = errorCatalogue(schemas);
  for (const model of models) {
    if (!Object.values(errorCodes).some((info) => info.model === model)) {
      throw new Error(`spec: no error-code enumeration (x-model) for ${model}`);
    }
  }
  return {
    contractData: { serverUrl: server, models, params, ...(maxBody === undefined ? {} : { maxBody }) },
    errorCatalogue: errorCodes,
  };
}
