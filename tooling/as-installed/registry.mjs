// A registry for the @vidu-extend scope only, on loopback, serving the packed tarballs: npm then
// installs them exactly as it would from npmjs.com (dependencies resolved by name and version,
// bins linked, peers checked), while every other package still comes from the real registry.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { basename } from "node:path";

/** `packages`: [{ manifest, file }] → { url, close } */
export async function startScopeRegistry(packages) {
  const byName = new Map();
  const files = new Map();
  for (const { manifest, file } of packages) {
    const bytes = readFileSync(file);
    const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
    const shasum = createHash("sha1").update(bytes).digest("hex");
    // The integrity in the path: a re-packed tarball is a new URL, never a stale cache entry.
    const path = `/-/${shasum}/${basename(file)}`;
    files.set(path, bytes);
    byName.set(manifest.name, { manifest, path, integrity, shasum });
  }
  let base = "";
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const tarball = files.get(path);
    if (tarball !== undefined) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": tarball.length });
      return void res.end(tarball);
    }
    const entry = byName.get(path.slice(1));
    if (entry === undefined) {
      res.writeHead(404, { "content-type": "application/json" });
      return void res.end('{"error":"not found"}');
    }
    const { manifest, path: tarballPath, integrity, shasum } = entry;
    const version = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: { tarball: `${base}${tarballPath}`, integrity, shasum },
    };
    const body = JSON.stringify({
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: { [manifest.version]: version },
    });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return { url: `${base}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}
