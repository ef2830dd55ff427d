import { randomBytes } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { FakeApp, FakeReply, FakeRequest } from "../sandbox/fake-app";
import type { Scenario } from "../sandbox/scenarios";

// What Google's front ends answer, shared by the Veo, Imagen and Text-to-Speech fakes.

export function googleErrorReply(code: number, status: string, message: string, details?: unknown[]): FakeReply {
  return { status: code, json: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export const errorInfo = (reason: string, service: string) => ({
  "@type": "type.googleapis.com/google.rpc.ErrorInfo",
  reason,
  domain: "googleapis.com",
  metadata: { service },
});

const header = (req: FakeRequest, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Keys in Google's format (`AIza…`) and the sandbox's fixed ones are valid; the rest are not. */
const validKey = (key: string) => /^(AIza|sandbox-)/.test(key);
/** OAuth access tokens (`ya29.…`, also what this fake's token endpoint mints) and the sandbox's fixed ones. */
const validToken = (token: string) => /^(ya29\.|sandbox-)/.test(token);

/** The caller's identity as Google checks it: an API key (`x-goog-api-key` or `?key=`) and/or an OAuth bearer. */
export function googleAuthFailure(req: FakeRequest, service: string, accepts: { apiKey?: boolean; bearer?: boolean }): FakeReply | undefined {
  const key = header(req, "x-goog-api-key") ?? req.query.get("key") ?? undefined;
  const bearer = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "")?.[1];
  if (accepts.apiKey && key) {
    return validKey(key) ? undefined : googleErrorReply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [errorInfo("API_KEY_INVALID", service)]);
  }
  if (accepts.bearer && bearer) {
    if (validToken(bearer)) return undefined;
    return googleErrorReply(
      401,
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
      [errorInfo("ACCESS_TOKEN_TYPE_UNSUPPORTED", service)],
    );
  }
  if (accepts.apiKey) {
    return googleErrorReply(
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  return googleErrorReply(
    401,
    "UNAUTHENTICATED",
    "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    [errorInfo("CREDENTIALS_MISSING", service)],
  );
}

/**
 * The refusals every Google API gives before doing any work, as the sandbox markers ask for them. `rateLimited`
 * is the API's own 429 (Gemini adds RetryInfo; Vertex AI and TTS do not).
 */
export function refusalFor(scenario: Scenario, firstTime: boolean, rateLimited: FakeReply): FakeReply | undefined {
  if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime)) return rateLimited;
  if (scenario === "outage") return googleErrorReply(503, "UNAVAILABLE", "The service is currently unavailable.");
  if (scenario === "invalid") return googleErrorReply(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
  if (scenario === "malformed") return { status: 200, body: "<html><body>Bad gateway</body></html>", headers: { "content-type": "text/html" } };
  return undefined;
}

/**
 * `POST /token`, Google's OAuth token endpoint for the JWT bearer grant a service-account key makes. It checks
 * the grant and the claims Google checks (not the signature: Google verifies it against the key it issued, which
 * a fake cannot know), and mints a `ya29.` token the fakes' APIs accept.
 */
export function addGoogleTokenEndpoint(app: FakeApp): void {
  app.route("POST", "/token", (req) => {
    const form = new URLSearchParams(req.body.toString("utf8"));
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return { status: 400, json: { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${form.get("grant_type") ?? ""}` } };
    }
    const invalid = (why: string) => ({ status: 400, json: { error: "invalid_grant", error_description: why } });
    let claims: ReturnType<typeof decodeJwt>;
    try {
      if (decodeProtectedHeader(form.get("assertion") ?? "").alg !== "RS256") return invalid("Invalid JWT Signature.");
      claims = decodeJwt(form.get("assertion") ?? "");
    } catch {
      return invalid("Invalid JWT Signature.");
    }
    const now = Date.now() / 1000;
    const { iss, aud, iat = 0, exp = 0, scope } = claims as typeof claims & { scope?: string };
    if (!iss) return invalid("Invalid JWT: No valid issuer (iss) claim.");
    if (aud !== `${req.origin}/token`) return invalid("Invalid JWT: Failed audience check.");
    if (exp - iat > 3600 || exp < now || iat > now + 300) {
      return invalid("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    if (!scope) return { status: 400, json: { error: "invalid_scope", error_description: "Invalid OAuth scope or ID token audience provided." } };
    return { json: { access_token: `ya29.fake-${randomBytes(24).toString("base64url")}`, expires_in: 3599, token_type: "Bearer" } };
  });
}
