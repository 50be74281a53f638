// One exit code per outcome, so that scripts can tell them apart (listed in --help).

export const EXIT = {
  ok: 0,
  /** Transport or server failures, after retries; anything unexpected. */
  failure: 1,
  usage: 2,
  validation: 3,
  auth: 4,
  balance: 5,
  rateLimited: 6,
  ambiguousSubmit: 7,
  taskFailed: 8,
  timeout: 9,
  callbackRejected: 10,
  notFound: 11,
  /** batch: --max-credits reached, jobs left not started. */
  budgetReached: 12,
  /** Ctrl-C: waiting stopped; the task goes on upstream. */
  interrupted: 130,
} as const;

export const EXIT_HELP = `Exit codes:
  0    done
  1    network or gateway failure (after retries), or anything unexpected
  2    usage: an unknown command or option, or a missing argument
  3    invalid parameters (nothing was sent) or refused by the gateway (nothing was created)
  4    unauthorized or forbidden: check VTRIX_API_KEY
  5    insufficient balance
  6    rate limited (after retries)
  7    the create may have reached the gateway: a task may exist; it was NOT sent again
  8    the task failed
  9    the wait timed out (the task may still finish: vidu-extend wait <id>)
  10   verify-callback: the delivery must not be trusted
  11   no such task
  12   batch: --max-credits was reached; the jobs not started wait for --resume
  130  interrupted (Ctrl-C); the task goes on: vidu-extend wait <id>`;
