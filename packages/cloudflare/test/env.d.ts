// The test Worker's bindings: test/wrangler.jsonc, and those vitest.config.ts adds.
declare namespace Cloudflare {
  interface Env {
    readonly VTRIX_API_KEY: string;
    readonly VTRIX_BASE_URL: string;
    readonly CALLBACK_NONCES: KVNamespace;
    readonly TASKS: KVNamespace;
    /** test/node/relay.ts: where the simulator's callbacks wait to be handed to the Worker. */
    readonly RELAY_URL: string;
  }
}
interface Env extends Cloudflare.Env {}
