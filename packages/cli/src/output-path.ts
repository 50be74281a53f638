// --output: every way the file could fail to be written is found before anything is submitted
// (and billed): a directory, a directory that is missing or not writable, an existing file
// without --force. The check creates and removes a `.part` file where the download writes its own.
import { rm, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "./failure.js";

/** The absolute path to save to; throws a UsageError naming the flag and the way out. */
export async function checkOutput(output: string, force: boolean): Promise<string> {
  const file = resolve(output);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory() === true)
    throw new UsageError(
      `--output ${output} is a directory: name a file in it (e.g. ${output.replace(/\/?$/, "/extended.mp4")}); nothing was submitted`,
    );
  if (existing !== undefined && !force)
    throw new UsageError(
      `--output ${output} already exists: pass --force to overwrite it, or name another file; nothing was submitted`,
    );
  const partial = `${file}.part`;
  try {
    await writeFile(partial, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--output ${output}: cannot create files in ${dirname(file)} (${code ?? String(error)}): it does not exist or is not writable; nothing was submitted`,
    );
  }
  await rm(partial, { force: true });
  return file;
}
