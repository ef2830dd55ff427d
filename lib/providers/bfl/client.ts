import { createHmac, timingSafeEqual } from "node:crypto";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const BFL_API = "https://api.bfl.ai";

/**
 * `x-key` auth; errors are FastAPI-style `{detail}` (a string, or a list of `{loc,msg}` for 422). 402 is our BFL
 * balance running out, which errorFromStatus already treats as ours (PROVIDER_UNAVAILABLE), like 401/403.
 */
export function bflClient(provider: string, vendor: VendorContext): VendorClient {
  return {
    provider,
    vendorName: "Black Forest Labs",
    vendor,
    headers: () => ({ "x-key": vendor.credential("BFL_API_KEY") }),
    check(response) {
      if (response.ok) return undefined;
      const reason = describeDetail(jsonOrUndefined<{ detail?: unknown }>(response)?.detail);
      if (response.status === 402) {
        const detail = reason ? `: ${reason}` : "";
        return new ProviderError("PROVIDER_UNAVAILABLE", `Black Forest Labs refused the job: this server's BFL credits are used up (HTTP 402)${detail}`, {
          provider,
          status: 402,
        });
      }
      return errorFromStatus(provider, "Black Forest Labs", response.status, reason || response.text().slice(0, 200), retryAfterSeconds(response.headers));
    },
  };
}

function describeDetail(detail: unknown): string {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d: { loc?: unknown[]; msg?: string }) => [Array.isArray(d?.loc) ? d.loc.filter((l) => l !== "body").join(".") : "", d?.msg].filter(Boolean).join(": "))
      .join("; ");
  }
  return detail ? JSON.stringify(detail).slice(0, 200) : "";
}

/**
 * BFL signs webhooks with the `webhook_secret` we send; its header name and format are not documented where we
 * could confirm them [U]. We assume the common scheme, `X-BFL-Signature: sha256=<hex HMAC-SHA256(raw body)>`, and
 * accept the hex digest with or without the `sha256=` prefix. If BFL turns out to sign differently, callbacks are
 * rejected and generations still finish by polling, only a few seconds later.
 */
export const BFL_SIGNATURE_HEADER = "x-bfl-signature";

export function signBflWebhook(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifyBflWebhook(body: string, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const given = Buffer.from(header.trim().replace(/^sha256=/i, ""), "utf8");
  const expected = Buffer.from(signBflWebhook(body, secret).slice("sha256=".length), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
