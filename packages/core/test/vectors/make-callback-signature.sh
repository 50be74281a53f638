#!/usr/bin/env bash
# Recomputes callback-signature.json with openssl alone (no project code), from the provider's
# documented signing string (API-FACTS "Callbacks"):
#   METHOD\npath\nquery\naccessKey\nDate\n  then  Name:value\n  per signed header (Date, then x-request-nonce)
# Run it to check the committed vector: `bash make-callback-signature.sh | diff - callback-signature.json`.
set -euo pipefail
secret="vtrix-known-answer-secret"
url="https://hooks.example.com/vidu/callback?order=42&tag=a%20b"
date="Tue, 06 May 2025 12:09:42 GMT"
nonce="123e4567-e89b-12d3-a456-426614174000"
signing_string=$(printf 'POST\n/vidu/callback\norder=42&tag=a%%20b\nvidu\n%s\nDate:%s\nx-request-nonce:%s\n' "$date" "$date" "$nonce" | base64 -w0)
signature=$(printf '%s' "$signing_string" | base64 -d | openssl dgst -sha256 -hmac "$secret" -binary | base64 -w0)
cat <<JSON
{
  "recipe": "make-callback-signature.sh: openssl dgst -sha256 -hmac <secret> -binary | base64 over the signing string",
  "secret": "$secret",
  "method": "POST",
  "url": "$url",
  "accessKey": "vidu",
  "date": "$date",
  "nonce": "$nonce",
  "signedHeaders": "Date;x-request-nonce",
  "signingStringBase64": "$signing_string",
  "signature": "$signature"
}
JSON
