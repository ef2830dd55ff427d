import { invalidInput } from "@/lib/errors";
import { consoleRoute } from "@/lib/ops/console-route";
import { setProviderSwitch, SWITCH_STATES } from "@/lib/providers/switches/set-provider-switch";

// POST /ops/api/providers/switch — an operator turns a provider or one of its models on, off or test-only (form post).
const route = consoleRoute(async (request) => {
  const state = SWITCH_STATES.find((s) => s === request.field("state"));
  if (!state) throw invalidInput("state", "Choose a state");
  await setProviderSwitch(request.operator, {
    provider: request.field("provider"),
    model: request.field("model"),
    state,
    publicMessage: request.field("publicMessage"),
    reason: request.field("reason"),
    ip: request.ip,
  });
  return { notice: "switched" };
});

export const GET = () => route.GET();
export const POST = (request: Request) => route.POST(request);
