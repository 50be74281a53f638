// The finish times the polling means spread over, uniformly, every 0.1 s. Apart from polling.ts
// (which needs the built core) so that the README generator runs before any build.
export const MEAN_SPREAD_S = { from: 5, to: 120 } as const;
