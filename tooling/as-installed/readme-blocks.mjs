// Every TypeScript block of the root README and of each public package's README, with the
// environment it is written for (from its package) and whether it runs against the simulator:
// a block runs when the line before its fence is `<!-- as-installed: run -->`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ENV_OF = { "ai-sdk": "ai", browser: "dom", cloudflare: "workers", deno: "deno" };
const RUN_MARKER = "<!-- as-installed: run -->";

export function readmeBlocks(repo) {
  const readmes = [{ name: "root", path: join(repo, "README.md") }];
  for (const name of readdirSync(join(repo, "packages")).sort()) {
    const manifest = join(repo, "packages", name, "package.json");
    const readme = join(repo, "packages", name, "README.md");
    if (existsSync(manifest) && existsSync(readme) && JSON.parse(readFileSync(manifest, "utf8")).private !== true)
      readmes.push({ name, path: readme });
  }
  const blocks = [];
  for (const { name, path } of readmes) {
    const lines = readFileSync(path, "utf8").split("\n");
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
      const end = lines.findIndex((line, j) => j > i && line.startsWith("```"));
      if (end === -1) throw new Error(`${path}:${i + 1}: a TypeScript block is never closed`);
      count++;
      blocks.push({
        id: `${name}-${count}`,
        env: ENV_OF[name] ?? "node",
        runs: lines[i - 1]?.trim() === RUN_MARKER,
        code: lines.slice(i + 1, end).join("\n"),
      });
      i = end;
    }
  }
  return blocks;
}
