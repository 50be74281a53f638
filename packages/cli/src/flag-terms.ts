// The library's messages name its options (publicUrl, maxSkewMs, secret, retry.…); a CLI user
// typed flags. Each such phrase is said again in the words of the command that printed it.

/** `message` with the library's option names replaced by the flags (or variables) of `command`. */
export function inFlagTerms(message: string, command: string | undefined): string {
  const verify = command === "verify-callback";
  const seconds = (ms: string) => `${Number(ms) / 1000} s`;
  return (
    message
      .replace(/maxSkewMs \((\d+)\)/g, (_, ms: string) =>
        verify ? `--max-skew (${seconds(ms)})` : `the allowed ${seconds(ms)}`,
      )
      // extend's callback receiver has no flag for the window: there is nothing to raise.
      .replace(/, or raise maxSkewMs/g, verify ? ", or raise --max-skew" : "")
      .replace(
        /set publicUrl to the callback_url given at creation/g,
        verify ? "pass the callback_url given at creation with --url" : "pass the URL it calls with --callback-url",
      )
      .replace(/or set publicUrl/g, verify ? "or pass the URL the gateway called with --url" : "or use --callback-url")
      .replace(
        /check that secret is the API key/g,
        verify ? "check that --secret (or VTRIX_API_KEY) is the API key" : "check that VTRIX_API_KEY is the key",
      )
      // The CLI has no way to resend an ambiguous create: the library's opt-in does not apply.
      .replace(/; to resend automatically anyway, set retry\.resendAmbiguousCreates\./g, ".")
  );
}
