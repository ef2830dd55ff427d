import { signInOperator } from "@/lib/auth/operator-sign-in";
import { clientAddress, requestOrigin } from "@/lib/net/client-address";
import { sameOrigin, seeOther } from "@/lib/ops/console-route";
import { OPERATOR_COOKIE } from "@/lib/ops/operator-session";

// POST /ops/api/signin (the /ops/signin form): email, password, code → the console, or back with one generic refusal.
export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return seeOther(request, "/ops/signin?error=refused");
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const outcome = await signInOperator({ email: text("email"), password: text("password"), code: text("code"), address: clientAddress(request) });
  switch (outcome.kind) {
    case "throttled":
      return seeOther(request, `/ops/signin?error=throttled&retryAfter=${outcome.retryAfterSeconds}`);
    case "refused":
      return seeOther(request, "/ops/signin?error=refused");
    case "signed-in": {
      const response = seeOther(request, "/ops/customers");
      response.cookies.set(OPERATOR_COOKIE, outcome.token, {
        httpOnly: true,
        sameSite: "strict",
        secure: requestOrigin(request).startsWith("https:"),
        path: "/ops",
        expires: outcome.expiresAt,
      });
      return response;
    }
  }
}
