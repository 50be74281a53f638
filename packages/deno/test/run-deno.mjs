// The Deno suite (./deno/*.test.ts) in the real Deno runtime, against a local simulator.
//   node test/run-deno.mjs source   `@vidu-extend/deno` is this package's TypeScript source
//   node test/run-deno.mjs packed   it is the npm tarball, installed into a scratch project
// Writes <repo>/.test-results/deno.json (deno-packed.json) and exits non-zero when Deno failed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@vidu-extend/simulator";
import { denoTest } from "./launcher/deno.mjs";
import { junitCounts } from "./launcher/junit-counts.mjs";
import { packedProject } from "./launcher/packed-project.mjs";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const MODES = {
  source: {
    report: "deno.json",
    entry: "/packages/deno/src/index.ts",
    prepare: () => ({
      cwd: repoRoot,
      // Sloppy imports let Deno's type check follow core's `./x.js` to `./x.d.ts` through the
      // workspace link: outside node_modules, Deno does not map them itself.
      flags: ["--import-map=packages/deno/test/source-imports.json", "--sloppy-imports"],
      tests: ["packages/deno/test/deno/"],
      remove: () => {},
    }),
  },
  packed: {
    report: "deno-packed.json",
    entry: "/node_modules/@vidu-extend/deno/dist/index.js",
    prepare: () => ({ ...packedProject(repoRoot), flags: [], tests: ["test/"] }),
  },
};

const modeName = process.argv[2] ?? "source";
if (!Object.hasOwn(MODES, modeName))
  throw new Error(`unknown mode ${modeName}: use ${Object.keys(MODES).join(" or ")}`);
const mode = MODES[modeName];

async function runSuite(junitPath) {
  const setup = mode.prepare();
  let simulator;
  try {
    simulator = await startSimulator({
      timing: { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 }, tickMs: 20, callbackRetryMs: 50 },
    });
    const env = {
      SIM_URL: simulator.url,
      SIM_KEY: simulator.key,
      VTRIX_API_KEY: simulator.key,
      VTRIX_BASE_URL: simulator.url,
      VIDU_DENO_ENTRY: mode.entry,
    };
    const code = await denoTest({ cwd: setup.cwd, flags: setup.flags, tests: setup.tests, env, junitPath });
    await simulator.idle();
    return code;
  } finally {
    await simulator?.close();
    setup.remove();
  }
}

const scratch = mkdtempSync(join(tmpdir(), "vidu-deno-junit-"));
const junitPath = join(scratch, "junit.xml");
let code = 1;
try {
  code = await runSuite(junitPath);
} catch (error) {
  console.error(error);
}
const counts = junitCounts(junitPath);
// JUnit leaves out what failed outside any test (a type error, an uncaught error in a module):
// Deno's exit code still says so, and the report must too.
if (code !== 0 && counts.numFailedTests === 0) counts.numRuntimeErrorTestSuites = 1;
rmSync(scratch, { recursive: true, force: true });
const results = join(repoRoot, ".test-results");
mkdirSync(results, { recursive: true });
writeFileSync(join(results, mode.report), `${JSON.stringify(counts)}\n`);
const outside = counts.numRuntimeErrorTestSuites === undefined ? "" : " (and Deno failed outside any test)";
console.log(
  `deno (${modeName}): ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests} skipped${outside}`,
);
process.exit(code === 0 && counts.numPassedTests > 0 ? 0 : 1);
