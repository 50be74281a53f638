// The bundled spec, resolved exactly as the Prism harness resolves its default document, so the
// examples these tests expect are the ones Prism serves.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface ExampleObject {
  readonly $ref?: string;
  readonly value?: unknown;
}
interface ResponseObject {
  readonly $ref?: string;
  readonly content?: Record<string, { readonly examples?: Record<string, ExampleObject> }>;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { readonly responses?: Record<string, ResponseObject> }>>;
  readonly components: {
    readonly schemas: Record<string, unknown>;
    readonly responses: Record<string, ResponseObject>;
    readonly examples: Record<string, ExampleObject>;
  };
}

const fromCore = createRequire(import.meta.url);
const fromHarness = createRequire(fromCore.resolve("@vidu-extend/prism-harness"));

/** The file `startPrism()` serves by default. */
const SPEC_PATH: string = fromHarness.resolve("@vidu-extend/spec/openapi.json");
export const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OpenApiDocument;

const lastSegment = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);
const resolveResponse = (node: ResponseObject): ResponseObject =>
  node.$ref === undefined ? node : (spec.components.responses[lastSegment(node.$ref)] ?? {});
const resolveExample = (node: ExampleObject): ExampleObject =>
  node.$ref === undefined ? node : (spec.components.examples[lastSegment(node.$ref)] ?? {});

export interface ServedExample {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly status: number;
  readonly name: string;
  readonly value: unknown;
}

/** Every (operation, status, example name, value) the spec's paths declare: what Prism can serve. */
export const servedExamples: readonly ServedExample[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
      Object.entries(resolveResponse(response).content?.["application/json"]?.examples ?? {}).map(
        ([name, example]) => ({
          method: method.toUpperCase() as "GET" | "POST",
          path,
          status: Number(status),
          name,
          value: resolveExample(example).value,
        }),
      ),
    ),
  ),
);

/** A named example's value from components.examples (tasks, errors and requests share one table). */
export function exampleValue(name: string): unknown {
  const example = spec.components.examples[name];
  if (example?.value === undefined) throw new Error(`the bundled spec has no example named ${name}`);
  return example.value;
}

/** An enumeration of string codes from the spec (ProErrorCode, TurboErrorCode). */
export function enumOf(schemaName: string): readonly string[] {
  const schema = spec.components.schemas[schemaName] as { readonly enum?: readonly string[] } | undefined;
  if (schema?.enum === undefined) throw new Error(`the bundled spec has no enumeration ${schemaName}`);
  return schema.enum;
}
