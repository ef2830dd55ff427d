import { linkOrigin } from "@/lib/auth/link-origin";
import { requestSignUp } from "@/lib/auth/request-sign-up";
import { AppError, plainErrorResponse } from "@/lib/errors";
import { LOCALE_COOKIE, requestLocale } from "@/lib/i18n/locales";
import { clientAddress } from "@/lib/net/client-address";
import { payloadTooLarge, readCappedBody } from "@/lib/net/read-capped-body";

/** A sign-up form is a few hundred bytes; nothing bigger is read. */
const SIGN_UP_BODY_LIMIT = 16 * 1024;

// POST /api/signup {email, password, name?} — starts a sign-up: 202 and a mail, the same answer for every email.
// JSON only and same-origin only: a cross-site form can send neither, so this is CSRF-safe without a token.
export async function POST(request: Request) {
  if (!request.headers.get("content-type")?.includes("application/json")) return notFromOurPage("content-type");
  if (!sameOrigin(request)) return notFromOurPage("origin");
  const body = await readCappedBody(request, SIGN_UP_BODY_LIMIT);
  if (body.kind === "too-large") return payloadTooLarge(body.maxBytes);
  const input = parseObject(body.text);
  try {
    const receipt = await requestSignUp(
      {
        email: typeof input.email === "string" ? input.email : "",
        password: typeof input.password === "string" ? input.password : "",
        name: typeof input.name === "string" ? input.name : undefined,
      },
      { address: clientAddress(request), origin: linkOrigin(request), locale: pageLocale(request) },
    );
    return Response.json({ status: "check-email", ...receipt }, { status: 202 });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const retryAfter = error.details.retryAfter;
    return plainErrorResponse(error, typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {});
  }
}

/** The sign-up page's language: the switcher's cookie, else the browser's Accept-Language (i18n/request.ts). */
function pageLocale(request: Request) {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return requestLocale(cookie, request.headers.get("accept-language"));
}

/** A request our own sign-up page would not send (a cross-site form, `Origin: null` from a sandboxed frame). */
function notFromOurPage(field: string): Response {
  return Response.json({ error: { code: "INVALID_INPUT", field, message: "Sign up from the Doitong sign-up page" } }, { status: 400 });
}

/** No Origin (same-origin GETs, old clients) passes; one that is not ours — including "null" — does not. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return URL.canParse(origin) && new URL(origin).host === request.headers.get("host");
}

/** The JSON body as an object; anything else is an empty form, which validation then answers field by field. */
function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
