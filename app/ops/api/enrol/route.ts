import { confirmOperatorEnrolment } from "@/lib/auth/operator-sign-in";
import { clientAddress } from "@/lib/net/client-address";
import { sameOrigin, seeOther } from "@/lib/ops/console-route";

// POST /ops/api/enrol (the /ops/enrol form): the link's token, password, a code from the new authenticator.
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const token = text("token");
  const retry = (error: string) => seeOther(request, `/ops/enrol?token=${encodeURIComponent(token)}&error=${error}`);
  if (!sameOrigin(request)) return retry("refused");
  const outcome = await confirmOperatorEnrolment({ token, password: text("password"), code: text("code"), address: clientAddress(request) });
  switch (outcome.kind) {
    case "enrolled":
      return seeOther(request, "/ops/signin?enrolled=1");
    case "throttled":
      return retry("throttled");
    case "refused":
      return retry("refused");
  }
}
