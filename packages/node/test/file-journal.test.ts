import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileJournal, JournalFileError, type BatchJournalEntry } from "../src/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "vidu-journal-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entries: BatchJournalEntry[] = [
  { type: "batch", jobs: 2, fingerprint: "2:0000abcd", at: 1 },
  { type: "submitting", job: 0, key: "a", at: 2 },
  { type: "submitted", job: 0, taskId: "t1", at: 3 },
  { type: "submitting", job: 1, at: 4 },
];

describe("fileJournal", () => {
  it("replays, in a new journal on the same file, every entry appended, in order, one JSON line each", async () => {
    const path = join(dir, "journal.jsonl");
    const journal = fileJournal(path);
    for (const entry of entries) await journal.append(entry);
    await journal.close();
    expect(await fileJournal(path).replay()).toEqual(entries);
    expect((await readFile(path, "utf8")).split("\n")).toHaveLength(entries.length + 1);
  });

  it("keeps entries appended concurrently whole and all of them (one write and fsync per group)", async () => {
    const path = join(dir, "journal.jsonl");
    const journal = fileJournal(path);
    const many = Array.from({ length: 200 }, (_, job): BatchJournalEntry => ({ type: "submitting", job, at: job }));
    await Promise.all(many.map((entry) => journal.append(entry)));
    await journal.close();
    const replayed = await fileJournal(path).replay();
    const jobOf = (e: BatchJournalEntry) => (e.type === "batch" ? -1 : e.job);
    expect(replayed.map(jobOf).sort((a, b) => a - b)).toEqual(many.map(jobOf));
  });

  it("ignores a torn last line (a kill mid-write) and cuts it off, so the next entry starts a clean line", async () => {
    const path = join(dir, "journal.jsonl");
    const whole = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    await writeFile(path, `${whole}{"type":"submitted","job":1,"tas`);
    const journal = fileJournal(path);
    expect(await journal.replay()).toEqual(entries);
    await journal.append({ type: "submitted", job: 1, taskId: "t2", at: 5 });
    await journal.close();
    expect(await fileJournal(path).replay()).toEqual([...entries, { type: "submitted", job: 1, taskId: "t2", at: 5 }]);
  });

  it("refuses a file damaged before its last line, naming the line", async () => {
    const path = join(dir, "journal.jsonl");
    await writeFile(path, `${JSON.stringify(entries[0])}\nnot json\n${JSON.stringify(entries[1])}\n`);
    await expect(fileJournal(path).replay()).rejects.toThrow(JournalFileError);
    await expect(fileJournal(path).replay()).rejects.toThrow(/line 2/);
  });

  it("replays nothing when the file does not exist yet", async () => {
    expect(await fileJournal(join(dir, "none.jsonl")).replay()).toEqual([]);
  });
});
