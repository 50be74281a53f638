// --output: the finished video, saved before its CDN link expires; written to a temporary name
// first so that an interrupted download never leaves a half file under the name asked for.
import { rename, rm, writeFile } from "node:fs/promises";

export async function download(url: string, file: string, signal: AbortSignal): Promise<number> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`downloading ${url} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const partial = `${file}.part`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return bytes.length;
}
