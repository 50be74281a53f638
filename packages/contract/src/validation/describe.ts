// Words for validation messages.

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  null: "null",
};

/** Patterns read by people: the spec's common shapes in words, anything else verbatim. */
const PATTERN_WORDS: Record<string, string> = {
  "^https?://\\S+$": "must be an http:// or https:// URL without spaces",
  "\\S": "must not be empty or blank",
  "^(https?://\\S+|data:image/(png|jpeg|jpg|webp);base64,[A-Za-z0-9+/]+={0,2})$":
    "must be an http(s) image URL or a data:image/(png|jpeg|jpg|webp);base64,… URI",
};

function value(input: unknown): string {
  if (input === undefined) return "nothing";
  if (typeof input === "string") {
    const shown = input.length > 60 ? `${input.slice(0, 57)}…` : input;
    return JSON.stringify(shown);
  }
  if (Array.isArray(input)) return `a list of ${input.length}`;
  if (typeof input === "object" && input !== null) return "an object";
  return String(input);
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Longer names are shown cut short in fields and messages (no parameter name comes near it). */
const MAX_NAME_LENGTH = 64;

/** A key as a field name: itself, or its first characters and how long it was. */
const name = (key: string): string =>
  key.length <= MAX_NAME_LENGTH ? key : `${key.slice(0, MAX_NAME_LENGTH - 1)}…(${key.length} characters)`;

function suggestion(unknown: string, known: readonly string[]): string {
  // No parameter name is anywhere near this long; the edit distance would only cost time.
  if (unknown.length > MAX_NAME_LENGTH) return "";
  const ranked = known
    .map((name) => ({ name, distance: editDistance(unknown.toLowerCase(), name) }))
    .sort((x, y) => x.distance - y.distance);
  const best = ranked[0];
  return best !== undefined && best.distance <= 2 ? ` (did you mean ${best.name}?)` : "";
}

/** A byte count as people say it: `10 MB` for whole mebibytes, else `123 bytes`. */
export function describeBytes(count: number): string {
  return count >= 1024 * 1024 && count % (1024 * 1024) === 0 ? `${count / (1024 * 1024)} MB` : plural(count, "byte");
}

export const describe = {
  type: (type: string) => (Object.hasOwn(TYPE_NAMES, type) ? TYPE_NAMES[type] : type),
  value,
  pattern: (pattern: string) =>
    Object.hasOwn(PATTERN_WORDS, pattern) ? (PATTERN_WORDS[pattern] as string) : `must match /${pattern}/`,
  characters: (count: number) => plural(count, "character"),
  items: (count: number) => plural(count, "item"),
  bytes: describeBytes,
  suggestion,
  name,
};
