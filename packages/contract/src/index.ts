export { createGatewayClient, DEFAULT_BASE_URL } from "./client.js";
export type { GatewayClient, GatewayClientOptions } from "./client.js";
export type { ContractData, ErrorCatalogue, ErrorCodeInfo, ParamSchema } from "./contract-data-types.js";
export { fromCreateRequest, toCreateRequest } from "./envelope.js";
export { contractData, errorCatalogue } from "./generated/contract-data.js";
export type {
  ExtendParameters,
  ExtendRequest,
  GatewayErrorBody,
  GatewayTask,
  ModelId,
  ProErrorCode,
  TurboErrorCode,
  components,
  paths,
  webhooks,
} from "./types.js";
export { checkParameter } from "./validation/check-parameter.js";
export { createValidator, validateExtendParams, type Validator } from "./validation/validate.js";
export type { ValidationResult, Violation, Warning } from "./validation/violation.js";
export { gatewayRefusal, type GatewayRefusal } from "./validation/refusal.js";
export { MAX_VIOLATIONS } from "./validation/context.js";
export { MAX_DEPTH, tooDeep } from "./validation/depth.js";
export { codePointLength } from "./validation/text.js";
export { describeBytes } from "./validation/describe.js";

export { seedCodeField, seedCodeInfo, type SeedCodeInfo } from "./seed-codes.js";
