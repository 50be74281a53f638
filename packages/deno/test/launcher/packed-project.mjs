// A scratch project that depends on the packed tarballs, as a user's would: contract, core and
// this package are built, packed with `pnpm pack` (which turns workspace:* into versions) and
// installed with npm, which fetches effect and openapi-fetch from the registry.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGES = ["contract", "core", "deno"];

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** The project, with the Deno suite copied into its test/; `remove` deletes it all. */
export function packedProject(repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), "vidu-deno-packed-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tarballs = join(dir, "tarballs");
    const project = join(dir, "project");
    mkdirSync(project);
    run("pnpm", [...PACKAGES.flatMap((name) => ["--filter", `@vidu-extend/${name}`]), "build"], repoRoot);
    for (const name of PACKAGES)
      run("pnpm", ["pack", "--pack-destination", tarballs], join(repoRoot, "packages", name));
    writeJson(join(project, "package.json"), { name: "vidu-deno-packed", private: true, type: "module" });
    // Deno resolves npm packages from the node_modules npm made, and never rewrites it.
    writeJson(join(project, "deno.json"), { nodeModulesDir: "manual" });
    // Deno's type check of the tests' `node:` imports needs Node's types, as in the workspace.
    const nodeTypes = `@types/node@${readJson(join(repoRoot, "package.json")).devDependencies["@types/node"]}`;
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    run(
      "npm",
      [
        "install",
        "--save-exact",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
        ...files,
        nodeTypes,
      ],
      project,
    );
    cpSync(join(repoRoot, "packages", "deno", "test", "deno"), join(project, "test"), { recursive: true });
    return { cwd: project, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
