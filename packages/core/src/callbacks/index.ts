// Callback signatures: sign (provider side, for simulators and tests) and verify (receiver side).
// Rejections are `CallbackRejected` from ../errors, exported there.
export { HEADER as CALLBACK_HEADERS, type HeaderInput } from "./headers.js";
export {
  type MemoryNonceStore,
  type MemoryNonceStoreOptions,
  memoryNonceStore,
  type NonceStore,
} from "./nonce-store.js";
export { type SignCallbackOptions, type SignedCallback, signCallbackEffect } from "./sign.js";
export { type SigningStringInput, signingString } from "./signing-string.js";
export {
  type CallbackEvent,
  type CallbackRequest,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SKEW_MS,
  defaultNonceStore,
  MAX_NONCE_LENGTH,
  type VerifyOptions,
  verifyCallbackEffect,
} from "./verify.js";
export { signCallback, type VerifyCallbackOptions, verifyCallback } from "./verify-promise.js";
export { createCallbackHandler, REJECTION_STATUS, type CallbackHandlerOptions } from "./handler.js";
export { readBounded, readBoundedChunks } from "./bounded-body.js";
