// Generated from spec/openapi.yaml by packages/contract/scripts/generate.ts.
// Do not edit: change the spec, then run `pnpm generate`.

export interface paths {
    "/model/v1/generation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a video-extension task
         * @description Submits one extension job and answers with the new task (status `pending` or
         *     `in_progress`). The result is not in this answer: read the task with
         *     `GET /model/v1/generation/task/{id}` until its status is `completed` or `failed`, or pass
         *     `callback_url` to be told.
         *
         *     The request has no idempotency key: a create that may have reached the gateway must not
         *     be sent again blindly, or the job may run (and be billed) twice.
         *
         *     **ASSUMPTION** (path and envelope; evidence strong: the gateway's open-source CLI v1.0.1
         *     posts every multimodal model to this path, wrapping the parameters as
         *     `{"model": id, "input": [{"params": {…}}]}`; the model pages list the parameters flat).
         *     `model` travels in the envelope only, not inside `params`.
         *
         *     **ASSUMPTION** (status 200 with the task object; evidence medium: the CLI reads the task
         *     `id` from the create answer and fails with "no id in response" when it is missing).
         */
        post: operations["createGeneration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/model/v1/generation/task/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a task
         * @description Answers the task in its current state. `output` and `usage` appear once it is
         *     `completed`, `error` once it is `failed`. The gateway's CLI polls every 5 s for at most
         *     600 s.
         *
         *     **ASSUMPTION** (path with the id in it; evidence strong: the gateway's open-source CLI
         *     v1.0.1 queries `GET /model/v1/generation/task/{id}`).
         */
        get: operations["getGenerationTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "task-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Task status callback
         * @description Sent to the task's `callback_url` whenever its status changes; the body is the same task
         *     object as the read answers. Deliveries of terminal states are retried up to 3 times, so a
         *     receiver sees duplicates and out-of-order events and must apply them idempotently.
         *
         *     Signature: `X-HMAC-SIGNATURE = base64(HMAC-SHA256(secret, signingString))`, the secret
         *     being the API key that created the task, and
         *
         *     `signingString = METHOD "\n" path "\n" query "\n" accessKey "\n" Date "\n" signedHeaders`
         *
         *     where METHOD is upper case, path is the callback URL's path (`/` when empty), query its
         *     raw query string (empty when none), accessKey the `X-HMAC-ACCESS-KEY` value, and
         *     signedHeaders is `Name:value\n` for each name listed in `X-HMAC-SIGNED-HEADERS`, in that
         *     order (so the string ends with a newline). The body is not signed: confirm it by reading
         *     the task, and bound the `Date` skew and remember nonces to refuse replays.
         *
         *     **ASSUMPTION** (the whole callback format; evidence weak: the gateway documents only
         *     "callback_url: Callback URL". This models the upstream provider's documented scheme —
         *     Vidu, platform.vidu.com "callback-signature" — which the gateway most likely forwards.)
         */
        post: operations["receiveTaskStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description Opaque task id, e.g. `d758n65e878c73cmdg20`. */
        TaskId: string;
        /**
         * @description The create envelope, one branch per model.
         *     **ASSUMPTION** (envelope; evidence strong: the gateway's CLI wraps every model's
         *     parameters as `{"model": id, "input": [{"params": {…}}]}`).
         */
        ExtendRequest: components["schemas"]["ProExtendRequest"] | components["schemas"]["TurboExtendRequest"];
        /** @description Create request for `viduq2_pro_extend` (Vidu Q2 Pro, ~30 s per clip). */
        ProExtendRequest: {
            /**
             * @description Model ID to use for the request. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            model: "viduq2_pro_extend";
            input: components["schemas"]["ExtendInput"];
        };
        /** @description Create request for `viduq2_turbo_extend` (Vidu Q2 Turbo, faster, ~20 s per clip). */
        TurboExtendRequest: {
            /**
             * @description Model ID to use for the request. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            model: "viduq2_turbo_extend";
            input: components["schemas"]["ExtendInput"];
        };
        /** @description Exactly one job per request. */
        ExtendInput: {
            params: components["schemas"]["ExtendParams"];
        }[];
        /**
         * @description The parameters of one extension job, identical for both models (only the error codes
         *     differ). Exactly one video source: `video_url` or `video_creation_id`.
         *     **ASSUMPTION** (client policy; the pages say "one of … is required" and list no other
         *     parameters): giving both sources, or a parameter the pages do not list, is refused, so
         *     that an ambiguous or misspelt request is caught before it is billed.
         */
        ExtendParams: {
            video_creation_id?: components["schemas"]["VideoCreationId"];
            video_url?: components["schemas"]["VideoUrl"];
            images?: components["schemas"]["Images"];
            prompt?: components["schemas"]["Prompt"];
            resolution?: components["schemas"]["Resolution"];
            duration?: components["schemas"]["Duration"];
            watermark?: components["schemas"]["Watermark"];
            wm_url?: components["schemas"]["WatermarkUrl"];
            wm_position?: components["schemas"]["WatermarkPosition"];
            meta_data?: components["schemas"]["MetaData"];
            payload?: components["schemas"]["Payload"];
            callback_url?: components["schemas"]["CallbackUrl"];
        } & (unknown | unknown);
        /**
         * @description Vidu video ID of the video to extend. One of `video_url` or `video_creation_id` is
         *     required (both at once are refused, see ExtendParams). Must be a non-empty string
         *     (blank is refused too).
         * @example 812345678901234567
         */
        VideoCreationId: string;
        /**
         * Format: uri
         * @description Any video URL (http or https), reachable by the gateway. One of `video_url` or
         *     `video_creation_id` is required. The video must last at least 4 seconds and at most
         *     1 minute (checked by the gateway, which must fetch the video to know).
         * @example https://cdn.example.com/clips/beach-5s.mp4
         */
        VideoUrl: string;
        /**
         * @description Reference image for the end frame: the model extends the video towards it. Only one
         *     image. The whole POST body must not exceed 20 MB.
         */
        Images: components["schemas"]["ImageRef"][];
        /**
         * @description An image URL (http or https, reachable by the gateway, at most 50 MB) or a base64 data
         *     URI with its content type, e.g. `data:image/png;base64,{base64}`. Formats: png, jpeg,
         *     jpg, webp. The aspect ratio must lie within 1:4 and 4:1.
         *     A data URI's decoded image must not exceed 10 MB.
         *     **ASSUMPTION** (the turbo page states the 10 MB decoded limit; the pro page says only
         *     "must not exceed 50MB" for code 09, and this spec applies 10 MB to both, as the codes share
         *     their meaning and pro's 20 MB body limit leaves little room above it). The pages give no
         *     code for the aspect ratio or for data that is no PNG/JPEG/WebP image: the aspect ratio
         *     answers the image-size code (09), unreadable data the image-format code (08).
         * @example https://cdn.example.com/frames/sunset-end.png
         */
        ImageRef: string;
        /**
         * @description Extension prompt to control the extended video content. At most 2000 characters (Unicode code points).
         * @example The camera pulls back to reveal the whole beach at sunset.
         */
        Prompt: string;
        /**
         * @description Video resolution.
         * @default 720p
         * @enum {string}
         */
        Resolution: "540p" | "720p" | "1080p";
        /**
         * @description Extension duration in seconds, a whole number from 1 to 7.
         * @default 5
         */
        Duration: number;
        /**
         * @description Whether to add a watermark. The watermark content is fixed and AI-generated unless
         *     `wm_url` gives an image. By default no watermark is added.
         * @default false
         */
        Watermark: boolean;
        /**
         * Format: uri
         * @description Watermark image URL. Has no effect unless `watermark` is true; when watermark is on and
         *     this is absent, the default AI-generated watermark is used.
         * @example https://cdn.example.com/brand/logo.png
         */
        WatermarkUrl: string;
        /**
         * @description Watermark position. Has no effect unless `watermark` is true.
         * @default bottom_left
         * @enum {string}
         */
        WatermarkPosition: "top_left" | "top_right" | "bottom_right" | "bottom_left";
        /**
         * @description Metadata identifier, a JSON object encoded as a string; passed through. You may use any
         *     keys or the example format (Label, ContentProducer, ContentPropagator, ProduceID,
         *     PropagateID, ReservedCode1, ReservedCode2). When empty, Vidu generates a default
         *     identifier. **ASSUMPTION** (the page says "JSON format string" and shows an object): a
         *     string that is not a JSON object is refused; the page gives no error code for it.
         * @example {"Label":"your_label","ContentProducer":"yourcontentproducer","ContentPropagator":"your_content_propagator","ProduceID":"yourproductid","PropagateID":"your_propagate_id","ReservedCode1":"yourreservedcode1","ReservedCode2":"your_reserved_code2"}
         */
        MetaData: string;
        /** @description Pass-through parameter, not processed, only carried; at most 1,048,576 characters. */
        Payload: string;
        /**
         * Format: uri
         * @description Where status callbacks are POSTed (see the `task-status` webhook). Must start with
         *     http:// or https://.
         * @example https://hooks.example.com/vidu/callback
         */
        CallbackUrl: string;
        /**
         * @description A generation task as the create answer, the read answer and the callback body carry it.
         *     **ASSUMPTION** (one task object for create, read and callback; evidence medium: the
         *     gateway CLI's source, sibling model pages and the two seeds).
         */
        Task: {
            id: components["schemas"]["TaskId"];
            /** @description The model id the task runs on. */
            model?: string;
            /** @description Creation time, unix seconds. */
            created_at?: number;
            status: components["schemas"]["TaskStatus"];
            /** @description Completion from 0.0 to 1.0, only while the task runs (sometimes absent). */
            progress?: number;
            /**
             * @description Generation results; present only when `completed`. The two models answer different
             *     shapes. The URLs are CDN links that expire (upstream says after 24 hours): download
             *     the video promptly.
             */
            output?: (components["schemas"]["ProOutputItem"] | components["schemas"]["TurboOutputItem"])[];
            usage?: components["schemas"]["Usage"];
            /** @description Timing information, e.g. `in_queue_at`, `completed_at` (unix seconds). */
            metadata?: {
                [key: string]: unknown;
            };
            error?: components["schemas"]["TaskError"];
        };
        /**
         * @description Known values: `pending`, `processing`, `in_progress`, `completed`, `failed`. The API
         *     pages and CLI code say `in_progress | completed | failed`; the CLI docs say
         *     `pending | processing | completed | failed`. Terminal: `completed`, `failed`. Any other
         *     value is not terminal: keep it and keep waiting.
         */
        TaskStatus: ("pending" | "processing" | "in_progress" | "completed" | "failed") | string;
        /** @description The pro page's output shape, one item per job with its content list. */
        ProOutputItem: {
            /** @description List of generated content. */
            content: {
                /** @description Resource type, `video`. */
                type?: string;
                /** @description Content URL (expires). */
                url: string;
            }[];
            /** @description Job ID. */
            jobId?: string;
        };
        /** @description The turbo page's output shape, one item per generated video. */
        TurboOutputItem: {
            /** @description Resource type, `video`. */
            type?: string;
            /** @description Generated video URL (processed and uploaded to CDN; expires). */
            url: string;
            /** @description Remote job ID. */
            jobId?: string;
        };
        /**
         * @description Usage statistics; present only when `completed`. The model pages give
         *     `{model, duration, resolution, credits}`; the gateway CLI sees
         *     `{cost, quantity, unit_price, extra_info}`. Every field is optional.
         */
        Usage: {
            /** @description Model name used, e.g. `viduq2-turbo`. */
            model?: string;
            /** @description Extension duration (seconds). */
            duration?: number;
            /** @description Video resolution. */
            resolution?: string;
            /** @description Credits consumed. */
            credits?: number;
            /** @description Cost as a decimal string. */
            cost?: string;
            /** @description Billed quantity. */
            quantity?: number;
            /** @description Price per unit. */
            unit_price?: number | string;
            /** @description Gateway billing details, free form. */
            extra_info?: unknown;
        };
        /** @description Why the task failed; present only when `failed`. Three shapes are seen. */
        TaskError: components["schemas"]["ProTaskError"] | components["schemas"]["TurboTaskError"] | string;
        /** @description The pro page's error shape. `code` is an integer, so leading zeros are lost (8012098 is 008012098). */
        ProTaskError: {
            /** @description Error code, one of `ProErrorCode`, usually as a number. */
            code: number | components["schemas"]["ProErrorCode"];
            /** @description Detailed error message. */
            error_message?: string;
        };
        /** @description The turbo page's error shape. */
        TurboTaskError: {
            /** @description Error code, one of `TurboErrorCode` (others are kept as they come). */
            code: components["schemas"]["TurboErrorCode"] | string;
            /** @description Detailed error message. */
            message?: string;
        };
        /**
         * @description Every error code of the pro model page.
         * @enum {string}
         */
        ProErrorCode: "008012001" | "008012002" | "008012003" | "008012004" | "008012005" | "008012006" | "008012007" | "008012008" | "008012009" | "008012010" | "008012011" | "008012098" | "008012099";
        /**
         * @description Every error code of the turbo model page.
         * @enum {string}
         */
        TurboErrorCode: "008013001" | "008013002" | "008013003" | "008013004" | "008013005" | "008013006" | "008013007" | "008013008" | "008013009" | "008013010" | "008013011" | "008013095" | "008013096" | "008013097" | "008013098" | "008013099";
        /**
         * @description An HTTP error body. **ASSUMPTION** (format undocumented; evidence: the gateway CLI reads
         *     `{message}` or `{error}`; a sibling gateway sends `{"error": {"code", "message"}}`).
         *     A client must accept all three and never fail on a body it does not know.
         */
        GatewayError: components["schemas"]["NestedError"] | components["schemas"]["MessageError"] | components["schemas"]["StringError"];
        /** @description `{"error": {"code", "message"}}`, as a sibling gateway sends. */
        NestedError: {
            error: {
                /** @description A seed error code (e.g. `008013004`) or an HTTP-level code. */
                code?: components["schemas"]["ProErrorCode"] | components["schemas"]["TurboErrorCode"] | string | number;
                /** @description What went wrong. */
                message: string;
                /** @description Error category, when given. */
                type?: string;
            };
        };
        /** @description `{"message"}`, as the gateway CLI reads. */
        MessageError: {
            /** @description What went wrong. */
            message: string;
            /** @description Error code, when given. */
            code?: string | number;
        };
        /** @description `{"error": "…"}`, as the gateway CLI reads. */
        StringError: {
            /** @description What went wrong. */
            error: string;
        };
    };
    responses: {
        /**
         * @description The parameters break a rule; the body names the seed error code. Nothing was created and
         *     nothing is billed.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description The API key is missing or invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description Insufficient balance, or the key may not use this model. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description No task with this id is visible to this key. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description Rate limit exceeded. Wait as `Retry-After` says, then try again; nothing was created. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description Internal error of the gateway. A create answered this may or may not have been recorded. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /**
         * @description An intermediary in front of the gateway got no valid answer from it. A create answered
         *     this may or may not have been recorded. (Not on the model pages: any HTTP gateway behind
         *     a load balancer answers it.)
         */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /**
         * @description An intermediary gave up waiting for the gateway. A create answered this may or may not
         *     have been recorded. (Not on the model pages: any HTTP gateway behind a load balancer
         *     answers it.)
         */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description The gateway or the model is unavailable for now; try again later. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description Seconds to wait, or an HTTP date to wait until, before trying again.
         * @example 2
         */
        "Retry-After": number | string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createGeneration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendRequest"];
            };
        };
        responses: {
            /** @description The task was created. Its `id` is what you poll with. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getGenerationTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The task id the create answer gave.
                 * @example d758n65e878c73cmdg20
                 */
                id: components["schemas"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task in its current state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    receiveTaskStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description When the delivery was signed, as an HTTP date in GMT. Signed.
                 * @example Tue, 06 May 2025 12:09:42 GMT
                 */
                Date: string;
                /**
                 * @description A random value, new for each delivery. Signed; a receiver refuses one it has seen.
                 * @example 123e4567-e89b-12d3-a456-426614174000
                 */
                "x-request-nonce": string;
                /**
                 * @description The signed header names, `;`-separated, in signing order.
                 * @example Date;x-request-nonce
                 */
                "X-HMAC-SIGNED-HEADERS": string;
                /**
                 * @description Base64 of the HMAC-SHA256 of the signing string, keyed with the API key.
                 * @example 3Q0mRUUj0lxDhTb7DsdSSDlvvfxNXxkn5K81mXmrHdE=
                 */
                "X-HMAC-SIGNATURE": string;
                /** @description The MAC algorithm. Only `hmac-sha256` is defined. */
                "X-HMAC-ALGORITHM": "hmac-sha256";
                /** @description Names the signer; it is also the fourth line of the signing string. */
                "X-HMAC-ACCESS-KEY": "vidu";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Task"];
            };
        };
        responses: {
            /** @description Accepted. Any 2xx stops the retries of a terminal delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The receiver refused the delivery (bad or missing signature, stale date, replayed nonce). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
