import { createClient as createCoreClient, type ClientOptions, type ViduClient } from "@vidu-extend/core";
import { fromDenoEnv } from "./env.ts";

/** The Promise client, with apiKey and baseUrl from VTRIX_API_KEY and VTRIX_BASE_URL where not given. */
export const createClient = (options: ClientOptions = {}): ViduClient => createCoreClient(fromDenoEnv(options));
