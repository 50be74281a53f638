#!/usr/bin/env node
// The installed command. It lives outside dist/ so that the workspace can link it before the
// first build (a bin pointing into an unbuilt dist/ makes every install warn).
const main = new URL("../dist/main.js", import.meta.url);
try {
  await import(main.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(main.pathname)) throw error;
  process.stderr.write("vidu-simulator is not built yet: run `npm run simulator` at the repository root\n");
  process.exit(1);
}
