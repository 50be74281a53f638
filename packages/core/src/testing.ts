// @vidu-extend/core/testing: the provider's side of callbacks, for simulators and test suites
// that must produce deliveries a receiver accepts. Not needed to use the client.
export { type SignCallbackOptions, type SignedCallback, signCallbackEffect } from "./callbacks/sign.js";
export { signCallback } from "./callbacks/verify-promise.js";
export { type SigningStringInput, signingString } from "./callbacks/signing-string.js";
