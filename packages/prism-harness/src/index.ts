export { freeLoopbackPort } from "./free-loopback-port.js";
export type { PrismOptions, PrismServer } from "./options.js";
export { startPrism } from "./start-prism.js";
