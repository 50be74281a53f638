// A callback delivery as the relay (startCallbackRelay from @vidu-extend/simulator) received it.
export type { RelayedDelivery as Relayed } from "@vidu-extend/simulator";
