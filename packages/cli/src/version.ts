// `vidu-extend --version`: the version of the installed package (its package.json, one level
// above both src/ and dist/).
import { readFileSync } from "node:fs";

export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
