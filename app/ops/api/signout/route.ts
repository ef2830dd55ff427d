import { sameOrigin, seeOther } from "@/lib/ops/console-route";
import { endOperatorSession, OPERATOR_COOKIE } from "@/lib/ops/operator-session";
import { currentOperatorSession, requireOperator } from "@/lib/ops/operators";

// POST /ops/api/signout: ends this console session (the row is revoked, so a copied cookie stops working too).
export async function POST(request: Request): Promise<Response> {
  await requireOperator();
  if (!sameOrigin(request)) return new Response(null, { status: 403 });
  const session = await currentOperatorSession();
  if (session) await endOperatorSession(session.sessionId);
  const response = seeOther(request, "/ops/signin");
  response.cookies.set(OPERATOR_COOKIE, "", { path: "/ops", maxAge: 0 });
  return response;
}

export async function GET(): Promise<Response> {
  await requireOperator();
  return new Response(null, { status: 405, headers: { allow: "POST" } });
}
