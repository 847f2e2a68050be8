// A ready-to-run example of pushing a document to a knowledge base's webhook: the body, the
// timestamp, and the signature `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.

const EXAMPLE_DOCUMENT = {
  external_id: "handbook-returns",
  title: "Returns policy",
  text: "Items can be returned within 30 days of delivery for a full refund.",
  metadata: { team: "support" },
};

export const EXAMPLE_BODY = JSON.stringify({ documents: [EXAMPLE_DOCUMENT] }, null, 2);

/** A shell snippet; `secret` is the real secret when it is on screen, else a placeholder. */
export function webhookCurlExample(url: string, secret?: string): string {
  return [
    `SECRET='${secret ?? "paste-your-signing-secret"}'`,
    `BODY='${EXAMPLE_BODY}'`,
    "TS=$(date +%s)",
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')`,
    `curl -sS -X POST '${url}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "X-Kiln-Timestamp: $TS" \\`,
    `  -H "X-Kiln-Signature: sha256=$SIG" \\`,
    `  --data-raw "$BODY"`,
  ].join("\n");
}
