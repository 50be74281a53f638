// Checks a value against the JSON Schema subset that the spec's request parameters use (see
// ParamSchema). The generator refuses any other keyword, so nothing in the spec goes unchecked.
import type { JsonType, ParamSchema } from "../contract-data-types.js";
import { checkDataUri } from "./check-data-uri.js";
import { add, report, type CheckContext } from "./context.js";
import { describe } from "./describe.js";
import { codePointLength } from "./text.js";

const patterns = new Map<string, RegExp>();
const compile = (pattern: string): RegExp => {
  let regexp = patterns.get(pattern);
  if (regexp === undefined) {
    regexp = new RegExp(pattern, "u");
    patterns.set(pattern, regexp);
  }
  return regexp;
};

function jsonTypeOf(value: unknown): JsonType | "undefined" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

const typeMatches = (expected: JsonType, actual: JsonType | "undefined"): boolean =>
  expected === actual || (expected === "number" && actual === "integer");

const isUri = (value: string): boolean => {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
};

/** Keys whose value is undefined count as absent, as JSON.stringify drops them. */
const presentKeys = (value: object): string[] =>
  Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);

export function checkSchema(schema: ParamSchema, value: unknown, field: string, ctx: CheckContext): void {
  const codes = schema["x-error-codes"];
  const fail = (rule: string, message: string) => report(ctx, codes, { field, rule, message });

  if (schema.type !== undefined) {
    const expected = typeof schema.type === "string" ? [schema.type] : schema.type;
    const actual = jsonTypeOf(value);
    if (!expected.some((type) => typeMatches(type, actual))) {
      fail("type", `${field} must be ${expected.map(describe.type).join(" or ")}, got ${describe.value(value)}`);
      return; // the other rules of this schema make no sense for a value of another type
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    fail(
      "enum",
      `${field} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${describe.value(value)}`,
    );
  }
  if ("const" in schema && schema.const !== value) {
    fail("const", `${field} must be ${JSON.stringify(schema.const)}, got ${describe.value(value)}`);
  }
  if (typeof value === "number") checkNumber(schema, value, fail, field);
  if (typeof value === "string") checkString(schema, value, fail, field, ctx);
  if (Array.isArray(value)) checkArray(schema, value, fail, field, ctx);
  else if (typeof value === "object" && value !== null) checkObject(schema, value, fail, field, ctx);
}

type Fail = (rule: string, message: string) => void;

function checkNumber(schema: ParamSchema, value: number, fail: Fail, field: string): void {
  if (schema.minimum !== undefined && value < schema.minimum) {
    fail("minimum", `${field} must be at least ${schema.minimum}, got ${value}`);
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    fail("maximum", `${field} must be at most ${schema.maximum}, got ${value}`);
  }
}

function checkString(schema: ParamSchema, value: string, fail: Fail, field: string, ctx: CheckContext): void {
  const needsLength = schema.minLength !== undefined || schema.maxLength !== undefined;
  const length = needsLength ? codePointLength(value) : 0;
  if (schema.minLength !== undefined && length < schema.minLength) {
    fail("minLength", `${field} must have at least ${describe.characters(schema.minLength)}, got ${length}`);
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    fail("maxLength", `${field} must have at most ${describe.characters(schema.maxLength)}, got ${length}`);
  }
  let patternOk = true;
  if (schema.pattern !== undefined && !compile(schema.pattern).test(value)) {
    patternOk = false;
    fail("pattern", `${field} ${describe.pattern(schema.pattern)}, got ${describe.value(value)}`);
  }
  // A value the pattern refused is not reported again for its format.
  if (schema.format === "uri" && patternOk && !isUri(value)) {
    fail("format", `${field} must be an absolute URL, got ${describe.value(value)}`);
  }
  if (schema.contentMediaType === "application/json") checkJsonText(schema, value, fail, field);
  const dataUri = schema["x-data-uri"];
  if (dataUri !== undefined && patternOk) checkDataUri(dataUri, schema["x-error-codes"], value, field, ctx);
}

function checkJsonText(schema: ParamSchema, value: string, fail: Fail, field: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    fail("contentMediaType", `${field} must be a JSON text (a string holding JSON), got ${describe.value(value)}`);
    return;
  }
  const expected = schema.contentSchema?.type;
  if (expected !== undefined && jsonTypeOf(parsed) !== expected) {
    fail("contentSchema", `${field} must hold a JSON ${expected}, got a JSON ${jsonTypeOf(parsed)}`);
  }
}

function checkArray(
  schema: ParamSchema,
  value: readonly unknown[],
  fail: Fail,
  field: string,
  ctx: CheckContext,
): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    fail("minItems", `${field} must have at least ${describe.items(schema.minItems)}, got ${value.length}`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    fail("maxItems", `${field} must have at most ${describe.items(schema.maxItems)}, got ${value.length}`);
  }
  const items = schema.items;
  if (items === undefined) return;
  // Items past maxItems are already wrong by their number: they are not checked one by one.
  const checked = schema.maxItems === undefined ? value.length : Math.min(value.length, schema.maxItems);
  for (let i = 0; i < checked; i++) checkSchema(items, value[i], `${field}[${i}]`, ctx);
}

function checkObject(schema: ParamSchema, value: object, fail: Fail, field: string, ctx: CheckContext): void {
  const record = value as Record<string, unknown>;
  const keys = presentKeys(value);
  const properties = schema.properties ?? {};
  const at = (key: string) => {
    const name = describe.name(key);
    return field === "" ? name : `${field}.${name}`;
  };

  for (const key of schema.required ?? []) {
    if (!keys.includes(key)) fail("required", `${at(key)} is required`);
  }
  if (schema.oneOf !== undefined) checkOneOf(schema, keys, field, ctx);
  for (const key of keys) {
    // Own properties only: `constructor` or `__proto__` must not find Object.prototype's members.
    const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (sub !== undefined) {
      checkSchema(sub, record[key], at(key), ctx);
      const unless = sub["x-ignored-unless"];
      if (unless !== undefined) warnIfIgnored(unless, record, at(key), ctx);
    } else if (schema.additionalProperties === false) {
      add(ctx, {
        field: at(key),
        rule: "additionalProperties",
        message: `${at(key)} is not a parameter${describe.suggestion(key, Object.keys(properties))}`,
      });
    }
  }
}

/**
 * oneOf over sets of required parameters: exactly one set may be present. Reported on the
 * parameters it concerns (`video_url|video_creation_id`), not on the object that holds them.
 */
function checkOneOf(schema: ParamSchema, keys: readonly string[], parent: string, ctx: CheckContext): void {
  const sets = (schema.oneOf ?? []).map((branch) => branch.required ?? []);
  const matching = sets.filter((set) => set.every((key) => keys.includes(key)));
  if (matching.length === 1) return;
  const prefix = parent === "" ? "" : `${parent}.`;
  const found =
    matching.length === 0 ? "none was given" : `got ${matching.map((set) => set.join(" + ")).join(" and ")}`;
  report(ctx, schema["x-error-codes"], {
    field: sets.map((set) => prefix + set.join("+")).join("|"),
    rule: "oneOf",
    message: `exactly one of ${sets.map((set) => set.join(" + ")).join(" or ")} is required, ${found}`,
  });
}

function warnIfIgnored(
  conditions: Readonly<Record<string, unknown>>,
  record: Record<string, unknown>,
  field: string,
  ctx: CheckContext,
): void {
  const unmet = Object.entries(conditions).filter(
    ([key, expected]) => (Object.hasOwn(record, key) ? record[key] : undefined) !== expected,
  );
  if (unmet.length === 0) return;
  const needs = unmet.map(([key, expected]) => `${key} is ${JSON.stringify(expected)}`).join(" and ");
  ctx.warnings.push({ field, rule: "x-ignored-unless", message: `${field} has no effect unless ${needs}` });
}
