import { importPKCS8, SignJWT } from "jose";
import { ProviderError } from "../http/provider-error";
import { jsonOrUndefined, vendorRequest } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
/** Minted tokens are reused until this close to their expiry (Google's last an hour). */
const REFRESH_MARGIN_MS = 5 * 60_000;

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

const minted = new Map<string, { token: string; expiresAt: number }>();

/** A credential that may be absent; `credential()` throws when unset, which is the wrong signal for optional ones. */
export function optionalCredential(vendor: VendorContext, name: string): string | undefined {
  try {
    return vendor.credential(name) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * An OAuth access token for Google Cloud APIs (Vertex AI, Cloud Text-to-Speech). A service-account key in
 * GOOGLE_APPLICATION_CREDENTIALS_JSON is exchanged for an hour-long token (RS256 JWT bearer grant), cached per
 * account; without one, GOOGLE_VERTEX_ACCESS_TOKEN is used as given (it expires, so it suits development). The
 * sandbox has no settings, so test jobs always use the fake's fixed token.
 */
export async function googleAccessToken(vendor: VendorContext, provider: string, signal: AbortSignal): Promise<string> {
  const json = vendor.setting("GOOGLE_APPLICATION_CREDENTIALS_JSON");
  if (!json) return vendor.credential("GOOGLE_VERTEX_ACCESS_TOKEN");
  const account = parseKey(json, provider);
  const tokenUrl = account.token_uri || GOOGLE_TOKEN_URL;
  const cacheKey = `${account.client_email} ${tokenUrl}`;
  const cached = minted.get(cacheKey);
  if (cached && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return cached.token;
  const fresh = await mintToken(account, tokenUrl, vendor, provider, signal);
  minted.set(cacheKey, fresh);
  return fresh.token;
}

async function mintToken(account: ServiceAccountKey, tokenUrl: string, vendor: VendorContext, provider: string, signal: AbortSignal) {
  const now = Math.floor(Date.now() / 1000);
  let assertion: string;
  try {
    const key = await importPKCS8(account.private_key, "RS256");
    assertion = await new SignJWT({ scope: CLOUD_PLATFORM_SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(account.private_key_id ? { kid: account.private_key_id } : {}) })
      .setIssuer(account.client_email)
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key);
  } catch (error) {
    throw badKey(provider, `its private_key cannot sign (${(error as Error).message})`);
  }
  const res = await vendorRequest(
    {
      provider,
      vendorName: "Google OAuth",
      vendor,
      headers: () => ({}),
      check(response) {
        if (response.ok) return undefined;
        const body = jsonOrUndefined<{ error?: string; error_description?: string }>(response);
        const reason = body?.error_description ?? body?.error ?? `HTTP ${response.status}`;
        const transient = response.status === 429 || response.status >= 500;
        return new ProviderError("PROVIDER_UNAVAILABLE", `Google refused the service-account key for an access token: ${reason}`, {
          provider,
          status: response.status,
          vendorCode: body?.error,
          retryable: transient,
        });
      },
    },
    {
      method: "POST",
      path: tokenUrl,
      body: Buffer.from(new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString()),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      idempotent: true, // minting a token twice costs nothing
      signal,
    },
  );
  const { access_token, expires_in } = res.json<{ access_token?: string; expires_in?: number }>();
  if (!access_token) throw new ProviderError("PROVIDER_UNAVAILABLE", "Google's token endpoint answered without an access_token", { provider });
  return { token: access_token, expiresAt: Date.now() + (expires_in ?? 3600) * 1000 };
}

function parseKey(json: string, provider: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(json) as Partial<ServiceAccountKey>;
  } catch {
    throw badKey(provider, "it is not JSON");
  }
  if (typeof key.client_email !== "string" || typeof key.private_key !== "string") throw badKey(provider, "it has no client_email or private_key");
  return key as ServiceAccountKey;
}

const badKey = (provider: string, why: string) =>
  new ProviderError("PROVIDER_UNAVAILABLE", `GOOGLE_APPLICATION_CREDENTIALS_JSON is not a usable service-account key: ${why}`, { provider });
