// Bundles the demo page's script (page/app.ts, with @vidu-extend/browser) into public/app.js,
// which the worker serves as a static asset. Run before dev, deploy and the tests.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const result = await build({
  absWorkingDir: root,
  entryPoints: ["page/app.ts"],
  outfile: "public/app.js",
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  sourcemap: false,
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`public/app.js: ${(bytes / 1024).toFixed(1)} kB`);
