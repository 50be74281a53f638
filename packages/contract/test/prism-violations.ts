// Reads Prism's `sl-violations` header and maps its locations to our field names.

export interface PrismViolation {
  readonly location: readonly string[];
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

export function violationsOf(response: Response): PrismViolation[] {
  const header = response.headers.get("sl-violations");
  return header === null ? [] : (JSON.parse(header) as PrismViolation[]);
}

const PARAMS = ["request", "body", "input", "0", "params"];

/**
 * `["request","body","input","0","params","images","0"]` → `images[0]`. Rules on the params
 * object itself (the one-of video source) map to the parameters they name.
 */
export function fieldOf(violation: PrismViolation): string | undefined {
  const { location } = violation;
  if (!PARAMS.every((part, i) => location[i] === part)) return undefined;
  const rest = location.slice(PARAMS.length);
  if (rest.length === 0)
    return violation.code === "oneOf" || violation.code === "required" ? "video_url|video_creation_id" : "";
  return rest.map((part, i) => (i > 0 && /^\d+$/.test(part) ? `[${part}]` : i > 0 ? `.${part}` : part)).join("");
}
