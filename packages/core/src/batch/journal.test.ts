import { describe, expect, it } from "vitest";
import { fingerprintJobs, replayJournal, type BatchJournalEntry } from "./journal.js";

describe("replayJournal", () => {
  it("folds each job's entries in order: the last word wins, and a later run's entries extend an earlier's", () => {
    const entries: BatchJournalEntry[] = [
      { type: "batch", jobs: 4, fingerprint: "4:0", at: 0 },
      { type: "submitting", job: 0, at: 1 },
      { type: "submitted", job: 0, taskId: "t0", at: 2 },
      { type: "finished", job: 0, taskId: "t0", status: "completed", credits: 5, at: 3 },
      { type: "saved", job: 0, file: "a.mp4", at: 4 },
      { type: "submitting", job: 1, at: 5 },
      { type: "refused", job: 1, code: "RateLimited", message: "429", retryable: true, at: 6 },
      { type: "submitting", job: 1, at: 7 },
      { type: "submitting", job: 2, at: 8 },
      { type: "submitted", job: 2, taskId: "t2", at: 9 },
      { type: "ambiguous", job: 2, code: "polls_failing", message: "lost track", at: 10 },
      { type: "submitting", job: 9, at: 11 },
    ];
    expect(replayJournal(entries, 4)).toEqual([
      { phase: "saved", taskId: "t0", file: "a.mp4", credits: 5 },
      { phase: "submitting", at: 7 },
      { phase: "ambiguous", at: 10, code: "polls_failing", message: "lost track", taskId: "t2" },
      { phase: "new" },
    ]);
  });

  it("an ambiguous create keeps the time it was sent, for how long its slot stays held", () => {
    const [record] = replayJournal(
      [
        { type: "submitting", job: 0, at: 100 },
        { type: "ambiguous", job: 0, message: "answer lost", at: 900 },
      ],
      1,
    );
    expect(record).toEqual({ phase: "ambiguous", at: 100, message: "answer lost" });
  });

  it("fingerprints a job list by its content", () => {
    expect(fingerprintJobs([{ a: 1 }])).toBe(fingerprintJobs([{ a: 1 }]));
    expect(fingerprintJobs([{ a: 1 }])).not.toBe(fingerprintJobs([{ a: 2 }]));
    expect(fingerprintJobs([{ a: 1 }, { a: 1 }]).startsWith("2:")).toBe(true);
  });
});
