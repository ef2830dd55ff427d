import NextAuth, { type NextAuthOptions } from "next-auth";
import { NextRequest } from "next/server";
import { clientAddress } from "../net/client-address";
import { payloadTooLarge, readCappedBody } from "../net/read-capped-body";
import { authOptions } from "./next-auth-options";
import { openSignInAttempt } from "./sign-in-throttle";

/** Sign-in forms are a few hundred bytes; 16 KB is room to spare, and all an anonymous client can make us hold. */
export const AUTH_BODY_LIMIT = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };
// next-auth 4 types its App Router form as `any`; this is the handler it returns for a request.
const nextAuthRoute = NextAuth as unknown as (options: NextAuthOptions) => (request: NextRequest, context: Context) => Promise<Response>;

/**
 * /api/auth/* (next-auth), with two things next-auth does not do: POST bodies are capped at AUTH_BODY_LIMIT before
 * they are buffered (413), and password sign-ins (POST /api/auth/callback/credentials) pass the sign-in throttle —
 * a throttled attempt is answered 429 with Retry-After before any password is compared, and the outcome of the
 * others (did next-auth set a session cookie?) is reported back to it.
 */
export async function handleAuthRequest(request: NextRequest, context: Context): Promise<Response> {
  if (request.method !== "POST") return nextAuthRoute(authOptions())(request, context);
  const body = await readCappedBody(request, AUTH_BODY_LIMIT);
  if (body.kind === "too-large") return payloadTooLarge(body.maxBytes);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  const buffered = new NextRequest(request.url, { method: "POST", headers, body: body.text });
  const { nextauth } = await context.params;
  if (nextauth.join("/") !== "callback/credentials") return nextAuthRoute(authOptions())(buffered, context);

  const email = new URLSearchParams(body.text).get("email") ?? "";
  const gate = await openSignInAttempt({ email, address: clientAddress(request) });
  if (gate.kind === "throttled") {
    // `url` keeps next-auth's own client (signIn()) working: it reads ?error= from it.
    return Response.json(
      { url: new URL("/signin?error=TooManyAttempts", request.url).href, error: { code: "RATE_LIMIT", message: gate.message, retryAfter: gate.retryAfterSeconds } },
      { status: 429, headers: { "retry-after": String(gate.retryAfterSeconds) } },
    );
  }
  const response = await nextAuthRoute(authOptions())(buffered, context);
  await gate.finish(setsSession(response));
  return response;
}

function setsSession(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]+/.test(cookie));
}
