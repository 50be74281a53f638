// What the global setup hands the browser tests.
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The proxy that adds the key: what a page's baseUrl points at. */
    proxyUrl: string;
    /** The simulated gateway itself (needs the key; CORS is on). */
    simulatorUrl: string;
    /** The key the simulator accepts: for the opt-in test, and to prove no other request carries it. */
    apiKey: string;
  }
}
