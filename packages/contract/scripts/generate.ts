// Regenerates src/generated/ from the bundled spec (spec/generated/openapi.json):
//   openapi.ts        the spec's types, by openapi-typescript
//   contract-data.ts  what validation and the transport read from the spec: the request
//                     parameter schema (dereferenced, rules only), the body limit, the model
//                     ids, the server URL and the catalogue of seed error codes.
// Usage: tsx scripts/generate.ts [--spec bundled.json] [--out dir]
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { extractContractData } from "./extract.js";

const HEADER = `// Generated from spec/openapi.yaml by packages/contract/scripts/generate.ts.
// Do not edit: change the spec, then run \`pnpm generate\`.
`;

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    out: { type: "string" },
  },
});
const specPath =
  values.spec !== undefined
    ? resolve(values.spec)
    : createRequire(import.meta.url).resolve("@vidu-extend/spec/openapi.json");
const outDir = resolve(values.out ?? resolve(here, "../src/generated"));

const spec: unknown = JSON.parse(await readFile(specPath, "utf8"));
const types = astToString(await openapiTS(pathToFileURL(specPath)));
const { contractData, errorCatalogue } = extractContractData(spec);

await mkdir(outDir, { recursive: true });
await writeFile(resolve(outDir, "openapi.ts"), `${HEADER}\n${types}`);
await writeFile(
  resolve(outDir, "contract-data.ts"),
  `${HEADER}
import type { ContractData, ErrorCatalogue } from "../contract-data-types.js";

export const contractData = ${JSON.stringify(contractData, null, 2)} as const satisfies ContractData;

export const errorCatalogue = ${JSON.stringify(errorCatalogue, null, 2)} as const satisfies ErrorCatalogue;
`,
);
console.log(`generated ${outDir}/{openapi,contract-data}.ts from ${specPath}`);
