// A batch journal in a file: one JSON entry per line, append-only. The entries a crash must not
// lose ("batch", "submitting": a create is sent only once its line is on disk; "submitted": the
// task id) are fsynced before `append` resolves. The others (a task's end, a saved file, a
// refusal) are written but fsynced with the next entry that must be: losing one to a power cut
// only means waiting for that task or saving its file again, and an fsync for each would sit in
// front of the next create. A killed process loses nothing written. Appends that arrive together
// share one write (and at most one fsync). A process killed mid-write can leave a torn last line:
// replay ignores it and cuts it off, so that the next append starts a clean line.
import { open, readFile, truncate, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { BatchJournal, BatchJournalEntry } from "@vidu-extend/core";

/** The journal file is damaged before its last line: it was not written by this journal alone. */
export class JournalFileError extends Error {
  override readonly name = "JournalFileError";
}

/** Entries whose loss could send a create twice or lose a paid task: durable before append resolves. */
const MUST_SYNC: ReadonlySet<BatchJournalEntry["type"]> = new Set(["batch", "submitting", "submitted"]);

interface Pending {
  readonly line: string;
  readonly sync: boolean;
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
        if (group.some((p) => p.sync)) await out.sync();
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
        pending.push({ line: `${JSON.stringify(entry)}\n`, sync: MUST_SYNC.has(entry.type), resolve, reject });
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
