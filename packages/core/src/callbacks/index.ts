// Callback verification (receiver side). The provider-side signer is in ../testing.ts; rejections
// are `CallbackRejected` from ../errors, exported there.
export { HEADER as CALLBACK_HEADERS } from "./headers.js";
export {
  type MemoryNonceStore,
  type MemoryNonceStoreOptions,
  memoryNonceStore,
  type NonceStore,
} from "./nonce-store.js";
export {
  type CallbackEvent,
  type CallbackRequest,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SKEW_MS,
  type VerifyOptions,
  verifyCallbackEffect,
} from "./verify.js";
export { type VerifyCallbackOptions, verifyCallback } from "./verify-promise.js";
export { createCallbackHandler, REJECTION_STATUS, type CallbackHandlerOptions } from "./handler.js";
export { readBounded, readBoundedChunks } from "./bounded-body.js";
