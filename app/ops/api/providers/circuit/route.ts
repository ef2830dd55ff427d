import { invalidInput } from "@/lib/errors";
import { consoleRoute } from "@/lib/ops/console-route";
import { CIRCUIT_OVERRIDES, forceCircuit } from "@/lib/providers/switches/set-provider-switch";

// POST /ops/api/providers/circuit — an operator holds a provider's circuit open or closed, or lets it decide (form post).
const route = consoleRoute(async (request) => {
  const circuit = CIRCUIT_OVERRIDES.find((c) => c === request.field("circuit"));
  if (!circuit) throw invalidInput("circuit", "Choose a circuit setting");
  await forceCircuit(request.operator, { provider: request.field("provider"), circuit, reason: request.field("reason"), ip: request.ip });
  return { notice: "circuitForced" };
});

export const GET = () => route.GET();
export const POST = (request: Request) => route.POST(request);
