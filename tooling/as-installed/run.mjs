// The `as-installed` suite: every public package as a user gets it. Packs each once with pnpm,
// checks the tarballs (real versions, LICENSE, no source map without its source), serves them
// from a loopback registry for the @vidu-extend scope, installs them with plain npm into fresh
// projects, and runs user programs there on Node 20 (this one), 22 and 24, Bun and Deno: ESM,
// CommonJS, TypeScript (Node-only and DOM), the CLI installed globally, and every TypeScript
// block of every README. Writes .test-results/as-installed.json like the other suites.
//   node tooling/as-installed/run.mjs            (after the packages are built)
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readmeBlocks } from "./readme-blocks.mjs";
import { startScopeRegistry } from "./registry.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
// ~700 MB of fresh node_modules, written then deleted: in memory when the machine has room
// (deleting them from a busy disk took longer than the whole suite).
const scratch = (() => {
  try {
    const { bavail, bsize } = statfsSync("/dev/shm");
    return bavail * bsize > 4e9 ? "/dev/shm" : tmpdir();
  } catch {
    return tmpdir();
  }
})();
const root = mkdtempSync(join(scratch, "vidu-as-installed-"));
// Deno asks for --allow-all to read anything under /dev, so its project stays on disk.
const diskRoot = scratch === tmpdir() ? root : mkdtempSync(join(tmpdir(), "vidu-as-installed-deno-"));
const cache = join(repo, ".tools", "npm-cache");
const results = [];
const started = Date.now();

// ---------------------------------------------------------------- helpers

/** Runs a command; resolves with { code, stdout, stderr }, never rejects (a timeout kills it). */
function exec(command, args, { cwd, env = {}, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...cleanEnv(), ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}\n${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The environment a user's shell would have: no key, no gateway, no workspace leftovers. */
function cleanEnv() {
  const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", npm_config_update_notifier: "false" };
  for (const name of Object.keys(env)) {
    if (name.startsWith("VTRIX_") || name.startsWith("npm_") || name.startsWith("PNPM_") || name === "NODE_OPTIONS")
      delete env[name];
  }
  return env;
}

async function ok(run, what) {
  const result = await run;
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`.trim());
  return result;
}

/** Records one check; a failure is reported and counted, never thrown. */
async function check(name, fn) {
  const at = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true, ms: Date.now() - at });
    console.log(`  ✓ ${name} (${((Date.now() - at) / 1000).toFixed(1)} s)${note ? `: ${note}` : ""}`);
    return true;
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - at });
    console.log(`  ✗ ${name}\n${String(error instanceof Error ? error.message : error).replace(/^/gm, "      ")}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs thunks with at most `limit` at once (the machine has 2 cores). */
async function pool(limit, thunks) {
  const queue = [...thunks];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      while (queue.length > 0) await queue.shift()();
    }),
  );
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const lastJsonLine = (text) =>
  JSON.parse(
    text
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .at(-1) ?? "null",
  );

// ---------------------------------------------------------------- runtimes

const runtime = (name) => execFileSync("bash", [join(repo, "scripts/runtime.sh"), name], { encoding: "utf8" }).trim();
const denoCli = createRequire(join(repo, "packages/deno/package.json")).resolve("deno/bin.cjs");
const nodes = { node20: process.execPath, node22: runtime("node22"), node24: runtime("node24") };
const bun = runtime("bun");

// ---------------------------------------------------------------- 1. pack once, check the tarballs

const publicDirs = readdirSync(join(repo, "packages"))
  .map((name) => join(repo, "packages", name))
  .filter((dir) => existsSync(join(dir, "package.json")) && readJson(join(dir, "package.json")).private !== true);
const tarballDir = join(root, "tarballs");
mkdirSync(tarballDir);
const packed = [];
console.log(`as-installed: ${publicDirs.length} public packages, work in ${root}`);
await check("pnpm pack every public package", async () => {
  await pool(
    4,
    publicDirs.map((dir) => async () => {
      const { stdout } = await ok(
        exec("pnpm", ["pack", "--pack-destination", tarballDir], { cwd: dir }),
        `pnpm pack in ${dir}`,
      );
      const file = stdout.trim().split("\n").at(-1);
      const unpacked = join(root, "unpacked", relative(join(repo, "packages"), dir));
      mkdirSync(unpacked, { recursive: true });
      execFileSync("tar", ["-xzf", file, "-C", unpacked]);
      packed.push({
        dir,
        file,
        unpacked: join(unpacked, "package"),
        manifest: readJson(join(unpacked, "package/package.json")),
      });
    }),
  );
  packed.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  return packed.map((p) => p.manifest.name.replace("@vidu-extend/", "")).join(", ");
});

const license = readFileSync(join(repo, "LICENSE"), "utf8");
const filesOf = (dir, base = dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
  );
for (const pkg of packed) {
  const { manifest, unpacked, file } = pkg;
  await check(`${manifest.name}: a publishable tarball`, () => {
    const text = JSON.stringify(manifest);
    assert(
      !text.includes("workspace:"),
      `package.json still says workspace: ${text.match(/"[^"]*":"workspace:[^"]*"/g)}`,
    );
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [name, range] of Object.entries(manifest[field] ?? {}))
        assert(/^[\^~]?\d+\.\d+\.\d+/.test(range), `${field}.${name} is ${range}, not a real version`);
    }
    assert(manifest.license === "MIT", `license is ${manifest.license}`);
    // 20.19+ is what the suite runs everything on; the AI SDK provider needs ai 7, which needs 22.
    const engines = manifest.name === "@vidu-extend/ai-sdk" ? ">=22" : ">=20.19.0";
    assert(manifest.engines?.node === engines, `engines.node is ${manifest.engines?.node}, expected ${engines}`);
    assert(readFileSync(join(unpacked, "LICENSE"), "utf8") === license, "LICENSE is missing or not the root's");
    assert(existsSync(join(unpacked, "README.md")), "README.md is missing");
    const files = filesOf(unpacked);
    for (const map of files.filter((name) => name.endsWith(".map"))) {
      for (const source of readJson(join(unpacked, map)).sources ?? []) {
        const target = relative(unpacked, join(unpacked, dirname(map), source));
        assert(files.includes(target), `${map} points at ${target}, which is not in the tarball`);
      }
    }
    assert(!files.some((name) => /\.test\.[cm]?[jt]s$/.test(name)), "tests are in the tarball");
    pkg.size = statSync(file).size;
    pkg.files = files.length;
    return `${(pkg.size / 1024).toFixed(1)} kB, ${files.length} files, exports ${Object.keys(manifest.exports ?? {}).join(" ") || "(bin only)"}${manifest.bin ? `, bin ${Object.keys(manifest.bin).join(" ")}` : ""}`;
  });
}
const tarball = (short) => packed.find((p) => p.manifest.name === `@vidu-extend/${short}`)?.file;

// ---------------------------------------------------------------- 2. install into fresh projects

const registry = await startScopeRegistry(packed);
const npmrc = join(root, "npmrc");
writeFileSync(
  npmrc,
  [
    `@vidu-extend:registry=${registry.url}`,
    `cache=${cache}`,
    "audit=false",
    "fund=false",
    "update-notifier=false",
    "loglevel=error",
    "prefer-offline=true",
    "",
  ].join("\n"),
);
const npm = (args, cwd, env = {}) => exec("npm", ["--userconfig", npmrc, ...args], { cwd, env, timeoutMs: 300_000 });

function project(name, type = "module", under = root) {
  const dir = join(under, name);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, "package.json"), { name: `user-${name}`, version: "1.0.0", private: true, type });
  return dir;
}

const typesNode = readJson(join(repo, "package.json")).devDependencies["@types/node"];
const typescript = readJson(join(repo, "package.json")).devDependencies.typescript;
const workersTypes = readJson(join(repo, "packages/cloudflare/package.json")).devDependencies[
  "@cloudflare/workers-types"
];
const projects = {
  node20: { dir: project("node20"), install: [tarball("node"), tarball("simulator")] },
  node22: { dir: project("node22"), install: [tarball("node"), tarball("simulator")] },
  node24: { dir: project("node24"), install: [tarball("node"), tarball("simulator")] },
  cjs: { dir: project("cjs", "commonjs"), install: [tarball("node"), tarball("simulator")] },
  bun: { dir: project("bun"), install: [tarball("node"), tarball("simulator")] },
  deno: { dir: project("deno", "module", diskRoot), install: [tarball("deno"), tarball("simulator")] },
  // Every library package, TypeScript and the types a user would add, for the type checks.
  types: {
    dir: project("types"),
    install: [
      ...["contract", "core", "node", "deno", "cloudflare", "browser", "simulator", "ai-sdk"].map(tarball),
      `ai@${readJson(join(repo, "packages/ai-sdk/package.json")).devDependencies.ai}`,
      `typescript@${typescript}`,
      `@types/node@${typesNode}`,
      `@cloudflare/workers-types@${workersTypes}`,
    ],
  },
};
writeJson(join(projects.deno.dir, "deno.json"), { nodeModulesDir: "manual" });
const globals = Object.fromEntries(Object.keys(nodes).map((name) => [name, join(root, `global-${name}`)]));

await pool(3, [
  ...Object.entries(projects).map(
    ([name, { dir, install }]) =>
      () =>
        check(`npm install in a fresh ${name} project`, async () => {
          await ok(npm(["install", "--save-exact", ...install], dir), "npm install");
          const tree = readdirSync(join(dir, "node_modules/@vidu-extend")).sort();
          const effect = readJson(join(dir, "node_modules/effect/package.json")).version;
          assert(
            !existsSync(join(dir, "node_modules/@vidu-extend/core/node_modules/effect")),
            "a second copy of effect",
          );
          return `@vidu-extend/{${tree.join(",")}}, one effect ${effect}`;
        }),
  ),
  ...Object.entries(globals).map(
    ([name, prefix]) =>
      () =>
        check(`npm i -g --prefix <tmp> the CLI tarball (${name})`, async () => {
          await ok(
            npm(["install", "-g", "--prefix", prefix, tarball("cli")], root, {
              PATH: `${dirname(nodes[name])}:${process.env.PATH}`,
            }),
            "npm i -g",
          );
          assert(existsSync(join(prefix, "bin/vidu-extend")), "no bin/vidu-extend");
        }),
  ),
  () =>
    check("pnpm -r publish --dry-run: every public package", async () => {
      const { stdout, stderr } = await ok(
        exec("pnpm", ["-r", "--filter", "./packages/*", "publish", "--dry-run", "--no-git-checks"], {
          cwd: repo,
          timeoutMs: 180_000,
        }),
        "pnpm publish --dry-run",
      );
      const published = [...`${stdout}\n${stderr}`.matchAll(/^\+ (@vidu-extend\/[\w-]+)@/gm)].map((m) => m[1]).sort();
      const expected = packed.map((p) => p.manifest.name).sort();
      assert(
        JSON.stringify(published) === JSON.stringify(expected),
        `dry-run published ${published}, expected ${expected}`,
      );
    }),
]);

// ---------------------------------------------------------------- 3. run what users run

const sameVideo = readFileSync(join(repo, "packages/simulator/assets/extended.mp4")).length;
function expectUserRun(result, expected) {
  assert(result.status === "completed", `status ${result.status}`);
  assert(result.verified.includes("completed"), `verified callbacks: ${result.verified}`);
  assert(
    result.bytes === sameVideo && result.size === sameVideo,
    `downloaded ${result.bytes} bytes, file ${result.size}, want ${sameVideo}`,
  );
  assert(result.missingKey === "MissingApiKey" && result.missingKeyIsOurs, `without a key: ${result.missingKey}`);
  assert(result.runtime.startsWith(expected), `ran on ${result.runtime}`);
  return `${result.runtime}: run, ${result.verified.length} verified callbacks, ${result.bytes} bytes saved`;
}

const programs = [];
for (const [name, node] of Object.entries(nodes)) {
  const dir = projects[name].dir;
  programs.push(() =>
    check(`user program (ESM) on ${name}`, async () => {
      cpSync(join(fixtures, "user.mjs"), join(dir, "user.mjs"));
      const { stdout } = await ok(exec(node, ["user.mjs"], { cwd: dir }), "user.mjs");
      return expectUserRun(lastJsonLine(stdout), "node v");
    }),
  );
  programs.push(() =>
    check(`CommonJS require() consumer on ${name}`, async () => {
      const cjs = projects.cjs.dir;
      cpSync(join(fixtures, "user.cjs"), join(cjs, "user.cjs"));
      const { stdout } = await ok(exec(node, ["user.cjs"], { cwd: cjs }), "user.cjs");
      const result = lastJsonLine(stdout);
      assert(result.status === "completed" && result.videos === 1, `run: ${JSON.stringify(result)}`);
      assert(result.refused === "Unauthorized" && result.refusedIsOurs, `a wrong key: ${result.refused}`);
      return result.runtime;
    }),
  );
  programs.push(() =>
    check(`vidu-extend extend … --output x.mp4 (global install) on ${name}`, async () => {
      const work = mkdtempSync(join(root, `cli-${name}-`));
      const { stdout } = await ok(
        exec(
          join(globals[name], "bin/vidu-extend"),
          [
            "extend",
            "--model",
            "turbo",
            "--video-url",
            "https://cdn.example.com/beach.mp4",
            "--output",
            "x.mp4",
            "--json",
          ],
          { cwd: work, env: { PATH: `${dirname(node)}:${process.env.PATH}` } },
        ),
        "vidu-extend extend",
      );
      const summary = JSON.parse(stdout);
      assert(statSync(join(work, "x.mp4")).size === sameVideo, "x.mp4 is not the whole video");
      return `${summary.task?.status ?? "?"}, x.mp4 ${sameVideo} bytes`;
    }),
  );
}
programs.push(() =>
  check("user program (ESM) on Bun", async () => {
    const dir = projects.bun.dir;
    cpSync(join(fixtures, "user.mjs"), join(dir, "user.mjs"));
    const { stdout } = await ok(exec(bun, ["user.mjs"], { cwd: dir }), "bun user.mjs");
    return expectUserRun(lastJsonLine(stdout), "bun ");
  }),
);
programs.push(() =>
  check("user program on Deno", async () => {
    const dir = projects.deno.dir;
    cpSync(join(fixtures, "user-deno.ts"), join(dir, "user.ts"));
    const { stdout } = await ok(
      exec(
        process.execPath,
        [
          denoCli,
          "run",
          "--allow-net=127.0.0.1",
          "--allow-read",
          `--allow-write=${dir}`,
          "--allow-env=VTRIX_API_KEY,VTRIX_BASE_URL",
          "--allow-sys",
          "user.ts",
        ],
        { cwd: dir },
      ),
      "deno run user.ts",
    );
    return expectUserRun(lastJsonLine(stdout), "deno ");
  }),
);
const tsc = join(projects.types.dir, "node_modules/typescript/bin/tsc");
const blocks = readmeBlocks(repo);
// One tsc program per environment: the consumer written for it and every README block for it.
const TYPE_CHECKS = {
  node: {
    what: "Node-only: lib es2023, types node, skipLibCheck false",
    files: ["consumer-node.ts", "effect-dom-names.d.ts"],
  },
  dom: { what: "DOM lib, no Node types, skipLibCheck false", files: ["consumer-dom.ts"] },
  workers: { what: "Workers types, skipLibCheck false", files: ["worker-env.d.ts", "effect-dom-names.d.ts"] },
  // ai 7's own declarations need the DOM lib and do not compile under exactOptionalPropertyTypes.
  ai: { what: "the AI SDK: Node types and DOM lib, skipLibCheck true for ai's declarations", files: [] },
};
for (const [env, { what, files }] of Object.entries(TYPE_CHECKS)) {
  const mine = blocks.filter((block) => block.env === env);
  const names = [...files.filter((f) => !f.endsWith(".d.ts")), ...mine.map((b) => `README ${b.id}`)];
  programs.push(() =>
    check(`tsc --noEmit (${what}, strict, exactOptionalPropertyTypes): ${names.join(", ")}`, async () => {
      const dir = join(projects.types.dir, env);
      mkdirSync(dir, { recursive: true });
      for (const file of files) cpSync(join(fixtures, file), join(dir, file));
      cpSync(join(fixtures, `tsconfig.${env}.json`), join(dir, "tsconfig.json"));
      for (const block of mine) writeFileSync(join(dir, `readme-${block.id}.ts`), `${block.code}\nexport {};\n`);
      await ok(exec(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, timeoutMs: 240_000 }), "tsc");
    }),
  );
}
programs.push(() =>
  check("no published declaration needs the DOM lib", () => {
    const DOM_ONLY = /\b(SubtleCrypto|CryptoKey|JsonWebKey|BufferSource|HTMLElement|Window|Document|Storage)\b/;
    for (const pkg of packed) {
      for (const file of filesOf(pkg.unpacked).filter((name) => name.endsWith(".d.ts"))) {
        const text = readFileSync(join(pkg.unpacked, file), "utf8");
        const hit = text.split("\n").find((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && DOM_ONLY.test(line));
        assert(hit === undefined, `${pkg.manifest.name}/${file}: ${hit?.trim()}`);
      }
    }
  }),
);
// npx keeps what it installed under the cache's _npx by name and version: a previous run's CLI.
rmSync(join(cache, "_npx"), { recursive: true, force: true });
programs.push(() =>
  check("npx @vidu-extend/cli --help (the README's one-liner)", async () => {
    const { stdout } = await ok(
      npm(["exec", "--yes", "--", "@vidu-extend/cli", "--help"], mkdtempSync(join(root, "npx-"))),
      "npx",
    );
    assert(stdout.includes("vidu-extend extend"), "no help text");
  }),
);
await pool(2, programs);

// ---------------------------------------------------------------- 4. every README's TypeScript

const sim = await import(join(projects.node20.dir, "node_modules/@vidu-extend/simulator/dist/index.js")).then((m) =>
  m.startSimulator({
    timing: { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 200 }, tickMs: 20, callbackRetryMs: 50 },
  }),
);
const simEnv = { VTRIX_API_KEY: sim.key, VTRIX_BASE_URL: sim.url };
try {
  const denoBlocks = blocks.filter((block) => block.env === "deno");
  await check(
    `README TypeScript blocks for Deno (${denoBlocks.map((b) => b.id).join(", ")}) pass deno check`,
    async () => {
      for (const block of denoBlocks)
        writeFileSync(join(projects.deno.dir, `${block.id}.ts`), `${block.code}\nexport {};\n`);
      await ok(
        exec(process.execPath, [denoCli, "check", ...denoBlocks.map((b) => `${b.id}.ts`)], { cwd: projects.deno.dir }),
        "deno check",
      );
    },
  );
  const runnable = blocks.filter((b) => b.runs);
  await pool(
    3,
    runnable.map(
      (block) => () =>
        check(`README block ${block.id} runs against the simulator`, async () => {
          assert(
            block.env === "node" || block.env === "deno",
            `${block.id} is marked to run, but runs only in ${block.env}`,
          );
          if (block.env === "deno") {
            await ok(
              exec(
                process.execPath,
                [denoCli, "run", "--allow-net=127.0.0.1", "--allow-env=VTRIX_API_KEY,VTRIX_BASE_URL", `${block.id}.ts`],
                {
                  cwd: projects.deno.dir,
                  env: simEnv,
                },
              ),
              "deno run",
            );
            return;
          }
          // The Node type check above emitted it (tsconfig.node.json has an outDir).
          const out = join(projects.types.dir, "node/out");
          await ok(
            exec(process.execPath, [join(out, `readme-${block.id}.js`)], {
              cwd: projects.types.dir,
              env: simEnv,
              timeoutMs: 60_000,
            }),
            "node",
          );
        }),
    ),
  );
} finally {
  await sim.close();
  await registry.close();
}

// ---------------------------------------------------------------- report

const failed = results.filter((r) => !r.ok).length;
console.log(
  `\nas-installed: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log("  package                  tarball   files  exports");
for (const p of packed) {
  console.log(
    `  ${p.manifest.name.padEnd(24)} ${`${((p.size ?? 0) / 1024).toFixed(1)} kB`.padStart(8)}  ${String(p.files ?? "?").padStart(5)}  ${Object.keys(p.manifest.exports ?? {}).join(" ")}${p.manifest.bin ? ` bin:${Object.keys(p.manifest.bin).join(",")}` : ""}`,
  );
}
mkdirSync(join(repo, ".test-results"), { recursive: true });
writeJson(join(repo, ".test-results/as-installed.json"), {
  numPassedTests: results.length - failed,
  numFailedTests: failed,
  numPendingTests: 0,
});
if (failed === 0) {
  const at = Date.now();
  for (const dir of new Set([root, diskRoot])) rmSync(dir, { recursive: true, force: true });
  console.log(`(removed the scratch projects in ${((Date.now() - at) / 1000).toFixed(1)} s)`);
} else console.log(`(kept ${[...new Set([root, diskRoot])].join(" and ")} for inspection)`);
process.exit(failed === 0 ? 0 : 1);
