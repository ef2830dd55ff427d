import { signUp } from "@/lib/accounts/sign-up";
import { AppError } from "@/lib/errors";

// POST /api/signup {email, password, name?} — creates a dashboard user and its account; the page then signs in.
// JSON only and same-origin only: a cross-site form can send neither, so this is CSRF-safe without a token.
export async function POST(request: Request) {
  const origin = request.headers.get("origin");
  if (!request.headers.get("content-type")?.includes("application/json") || (origin && new URL(origin).host !== request.headers.get("host"))) {
    return Response.json({ error: { code: "INVALID_INPUT", message: "Sign up from the Doitong sign-up page" } }, { status: 400 });
  }
  const body = (await request.json().catch(() => ({}))) as { email?: unknown; password?: unknown; name?: unknown };
  try {
    const user = await signUp({ email: String(body.email ?? ""), password: String(body.password ?? ""), name: typeof body.name === "string" ? body.name : undefined });
    return Response.json({ userId: user.userId, email: user.email }, { status: 201 });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: 400 });
    throw error;
  }
}
