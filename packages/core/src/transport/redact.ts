// Text that came from the network may quote what we sent, the API key included (some gateways
// echo a bad key back). Everything that goes into an error or a log passes through here.

export type Redact = (text: string) => string;

export function redactor(secret: string | undefined): Redact {
  if (secret === undefined || secret.length < 4) return (text) => text;
  return (text) => text.split(secret).join("[redacted]");
}
