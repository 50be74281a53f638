/** A callback delivery as the relay (test/node/relay.ts) received it, ready to hand on. */
export interface Relayed {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
