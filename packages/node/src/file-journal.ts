// A batch journal in a file: one JSON entry per line, append-only, fsynced before `append`
// resolves (so a create is sent only once its "submitting" line is on disk). Appends that
// arrive together share one write and one fsync. A process killed mid-write can leave a torn
// last line: replay ignores it and cuts it off, so that the next append starts a clean line.
import { open, readFile, truncate, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { BatchJournal, BatchJournalEntry } from "@vidu-extend/core";

/** The journal file is damaged before its last line: it was not written by this journal alone. */
export class JournalFileError extends Error {
  override readonly name = "JournalFileError";
}

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface FileJournal extends BatchJournal {
  /** Closes the file; appends after this reopen it. */
  close(): Promise<void>;
}

export function fileJournal(path: string): FileJournal {
  let handle: FileHandle | undefined;
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;

  const file = async () => {
    if (handle !== undefined) return handle;
    handle = await open(path, "a");
    // The file's own directory entry must be durable too, or a crash could lose the whole file.
    await syncDirectory(dirname(path));
    return handle;
  };

  const flush = async () => {
    while (pending.length > 0) {
      const group = pending;
      pending = [];
      try {
        const out = await file();
        await out.write(group.map((p) => p.line).join(""));
        await out.sync();
        for (const p of group) p.resolve();
      } catch (error) {
        for (const p of group) p.reject(error);
      }
    }
    flushing = undefined;
  };

  return {
    append: (entry: BatchJournalEntry) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
        flushing ??= flush();
      }),
    replay: async () => {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const complete = text.lastIndexOf("\n") + 1;
      if (complete < text.length) {
        // A torn last line (the process died mid-write): its entry was never durable, so drop it.
        await handle?.close();
        handle = undefined;
        await truncate(path, Buffer.byteLength(text.slice(0, complete)));
      }
      const lines = text.slice(0, complete).split("\n").slice(0, -1);
      return lines.map((line, index) => {
        try {
          return JSON.parse(line) as BatchJournalEntry;
        } catch {
          throw new JournalFileError(
            `${path} line ${index + 1} is not a journal entry (${JSON.stringify(line.slice(0, 60))}): the file was changed by something else`,
          );
        }
      });
    },
    close: async () => {
      await flushing;
      await handle?.close();
      handle = undefined;
    },
  };
}

async function syncDirectory(directory: string): Promise<void> {
  const dir = await open(directory, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
