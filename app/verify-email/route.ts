import { confirmSignUp } from "@/lib/auth/confirm-sign-up";

// GET /verify-email?token=… — the link in the sign-up mail: creates the account (once), then the sign-in page says
// what happened (?confirmed=confirmed|already-confirmed|email-taken|expired|invalid).
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const outcome = await confirmSignUp(token);
  // Relative, so the browser stays on whatever origin it opened the link on.
  return new Response(null, { status: 303, headers: { location: `/signin?confirmed=${outcome.kind}`, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}
