// Generated from spec/openapi.yaml by packages/contract/scripts/generate.ts.
// Do not edit: change the spec, then run `pnpm generate`.

import type { ContractData, ErrorCatalogue } from "../contract-data-types.js";

export const contractData = {
  "serverUrl": "https://cloud.vtrix.ai",
  "models": [
    "viduq2_pro_extend",
    "viduq2_turbo_extend"
  ],
  "params": {
    "type": "object",
    "additionalProperties": false,
    "oneOf": [
      {
        "required": [
          "video_url"
        ]
      },
      {
        "required": [
          "video_creation_id"
        ]
      }
    ],
    "x-error-codes": {
      "viduq2_pro_extend": "008012001",
      "viduq2_turbo_extend": "008013001"
    },
    "properties": {
      "video_creation_id": {
        "type": "string",
        "pattern": "\\S",
        "x-error-codes": {
          "viduq2_pro_extend": "008012003",
          "viduq2_turbo_extend": "008013003"
        }
      },
      "video_url": {
        "type": "string",
        "format": "uri",
        "pattern": "^https?://\\S+$",
        "x-error-codes": {
          "viduq2_pro_extend": "008012002",
          "viduq2_turbo_extend": "008013002"
        }
      },
      "images": {
        "type": "array",
        "minItems": 1,
        "maxItems": 1,
        "items": {
          "type": "string",
          "pattern": "^(https?://\\S+|data:image/(png|jpeg|jpg|webp);base64,[A-Za-z0-9+/]+={0,2})$",
          "x-error-codes": {
            "viduq2_pro_extend": "008012008",
            "viduq2_turbo_extend": "008013008"
          },
          "x-data-uri": {
            "maxDecodedBytes": 10485760,
            "aspectRatio": {
              "min": 0.25,
              "max": 4
            },
            "x-error-codes": {
              "viduq2_pro_extend": "008012009",
              "viduq2_turbo_extend": "008013009"
            }
          }
        },
        "x-error-codes": {
          "viduq2_pro_extend": "008012007",
          "viduq2_turbo_extend": "008013007"
        }
      },
      "prompt": {
        "type": "string",
        "maxLength": 2000,
        "x-error-codes": {
          "viduq2_pro_extend": "008012004",
          "viduq2_turbo_extend": "008013004"
        }
      },
      "resolution": {
        "type": "string",
        "enum": [
          "540p",
          "720p",
          "1080p"
        ],
        "default": "720p",
        "x-error-codes": {
          "viduq2_pro_extend": "008012006",
          "viduq2_turbo_extend": "008013006"
        }
      },
      "duration": {
        "type": "integer",
        "minimum": 1,
        "maximum": 7,
        "default": 5,
        "x-error-codes": {
          "viduq2_pro_extend": "008012005",
          "viduq2_turbo_extend": "008013005"
        }
      },
      "watermark": {
        "type": "boolean",
        "default": false
      },
      "wm_url": {
        "type": "string",
        "format": "uri",
        "pattern": "^https?://\\S+$",
        "x-ignored-unless": {
          "watermark": true
        }
      },
      "wm_position": {
        "type": "string",
        "enum": [
          "top_left",
          "top_right",
          "bottom_right",
          "bottom_left"
        ],
        "default": "bottom_left",
        "x-ignored-unless": {
          "watermark": true
        }
      },
      "meta_data": {
        "type": "string",
        "contentMediaType": "application/json",
        "contentSchema": {
          "type": "object"
        }
      },
      "payload": {
        "type": "string",
        "maxLength": 1048576,
        "x-error-codes": {
          "viduq2_pro_extend": "008012010",
          "viduq2_turbo_extend": "008013010"
        }
      },
      "callback_url": {
        "type": "string",
        "format": "uri",
        "pattern": "^https?://\\S+$",
        "x-error-codes": {
          "viduq2_pro_extend": "008012011",
          "viduq2_turbo_extend": "008013011"
        }
      }
    }
  },
  "maxBody": {
    "limit": 20971520,
    "x-error-codes": {
      "viduq2_pro_extend": "008012009",
      "viduq2_turbo_extend": "008013009"
    }
  }
} as const satisfies ContractData;

export const errorCatalogue = {
  "008012001": {
    "model": "viduq2_pro_extend",
    "description": "Video parameter missing"
  },
  "008012002": {
    "model": "viduq2_pro_extend",
    "description": "Video URL invalid"
  },
  "008012003": {
    "model": "viduq2_pro_extend",
    "description": "Video creation ID invalid"
  },
  "008012004": {
    "model": "viduq2_pro_extend",
    "description": "Prompt length invalid"
  },
  "008012005": {
    "model": "viduq2_pro_extend",
    "description": "Duration invalid"
  },
  "008012006": {
    "model": "viduq2_pro_extend",
    "description": "Resolution invalid"
  },
  "008012007": {
    "model": "viduq2_pro_extend",
    "description": "Image count invalid"
  },
  "008012008": {
    "model": "viduq2_pro_extend",
    "description": "Image format invalid"
  },
  "008012009": {
    "model": "viduq2_pro_extend",
    "description": "Image size invalid"
  },
  "008012010": {
    "model": "viduq2_pro_extend",
    "description": "Pass-through parameter length invalid"
  },
  "008012011": {
    "model": "viduq2_pro_extend",
    "description": "Callback URL invalid"
  },
  "008012098": {
    "model": "viduq2_pro_extend",
    "description": "Generation failed",
    "failure": "generation"
  },
  "008012099": {
    "model": "viduq2_pro_extend",
    "description": "Service unavailable",
    "failure": "transient"
  },
  "008013001": {
    "model": "viduq2_turbo_extend",
    "description": "Missing video parameter (video_creation_id or video_url at least need to provide one)"
  },
  "008013002": {
    "model": "viduq2_turbo_extend",
    "description": "Video URL format invalid (must be HTTP or HTTPS URL)"
  },
  "008013003": {
    "model": "viduq2_turbo_extend",
    "description": "Video creation ID format invalid (must be non-empty string)"
  },
  "008013004": {
    "model": "viduq2_turbo_extend",
    "description": "Prompt length invalid (does not exceed 2000 characters)"
  },
  "008013005": {
    "model": "viduq2_turbo_extend",
    "description": "Extension duration invalid (must be 1-7 seconds integer)"
  },
  "008013006": {
    "model": "viduq2_turbo_extend",
    "description": "Resolution invalid (must be 540p, 720p or 1080p)"
  },
  "008013007": {
    "model": "viduq2_turbo_extend",
    "description": "Reference image count invalid (only allow 1 reference image)"
  },
  "008013008": {
    "model": "viduq2_turbo_extend",
    "description": "Image format invalid (must be URL or base64 encoding)"
  },
  "008013009": {
    "model": "viduq2_turbo_extend",
    "description": "Image size invalid (does not exceed 50MB, base64 decoded does not exceed 10MB)"
  },
  "008013010": {
    "model": "viduq2_turbo_extend",
    "description": "Payload length invalid (does not exceed 1048576 characters)"
  },
  "008013011": {
    "model": "viduq2_turbo_extend",
    "description": "Callback URL format invalid (must start with http:// or https://)"
  },
  "008013095": {
    "model": "viduq2_turbo_extend",
    "description": "Internal generation error",
    "failure": "generation"
  },
  "008013096": {
    "model": "viduq2_turbo_extend",
    "description": "Result parsing error",
    "failure": "generation"
  },
  "008013097": {
    "model": "viduq2_turbo_extend",
    "description": "HTTP error response",
    "failure": "transient"
  },
  "008013098": {
    "model": "viduq2_turbo_extend",
    "description": "Status check error",
    "failure": "transient"
  },
  "008013099": {
    "model": "viduq2_turbo_extend",
    "description": "Task creation error",
    "failure": "transient"
  }
} as const satisfies ErrorCatalogue;
