// The commands the READMEs show work as typed on a fresh clone with only Node and npm: every
// `npm run <script>` names a root script, no shell block runs a tool that only the workspace
// installs (pnpm, turbo, wrangler, tsx, vitest, redocly, changeset: use the root
// `npm run` wrappers), the worker's .dev.vars.example points at the port that the README's
// simulator command starts on, and example servers listen on loopback, off the worker's 8787.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const scripts = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).scripts;
const files = execFileSync("git", ["ls-files", "*.md"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((file) => file !== "" && !file.includes("node_modules"));

const WORKSPACE_ONLY = /^(pnpm|turbo|wrangler|tsx|vitest|redocly|changeset)\b/;
const problems = [];

for (const file of files) {
  const text = readFileSync(new URL(file, root), "utf8");
  for (const [, script] of text.matchAll(/npm run (?:-s )?([\w:.-]+)/g))
    if (!(script in scripts)) problems.push(`${file}: npm run ${script}: no such script in the root package.json`);
  for (const [, body] of text.matchAll(/```(?:sh|bash|console)\n([\s\S]*?)```/g))
    for (const line of body.split("\n")) {
      const command = line.replace(/^\$ /, "").trim();
      if (WORKSPACE_ONLY.test(command))
        problems.push(`${file}: "${command}" needs a tool that a fresh machine lacks: use a root npm run script`);
    }
  for (const [, body] of text.matchAll(/```(?:ts|js|typescript)\n([\s\S]*?)```/g))
    for (const line of body.split("\n"))
      if (/Deno\.serve\(|\.listen\(/.test(line) && (!line.includes('"127.0.0.1"') || /\b8787\b/.test(line)))
        problems.push(`${file}: "${line.trim()}" should listen on 127.0.0.1, on a port other than the worker's 8787`);
}

const devVars = readFileSync(new URL("apps/worker/.dev.vars.example", root), "utf8");
const devPort = /^VTRIX_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)$/m.exec(devVars)?.[1];
const workerReadme = readFileSync(new URL("apps/worker/README.md", root), "utf8");
const simulatorPort = /npm run simulator -- --port (\d+)/.exec(workerReadme)?.[1];
if (devPort === undefined || devPort !== simulatorPort)
  problems.push(
    `apps/worker: .dev.vars.example's simulator port (${devPort}) is not the one the README starts it on (${simulatorPort})`,
  );

if (problems.length > 0) {
  console.error(`README commands that would not work as typed:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`README commands: ${files.length} files checked`);
