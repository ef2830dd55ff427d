import { invalidInput } from "@/lib/errors";
import type { GenerationType } from "@/lib/generated/prisma/client";
import { consoleRoute } from "@/lib/ops/console-route";
import { changePrice } from "@/lib/prices/change-price";

// POST /ops/api/prices — a new version of one model's price list (form: providerId, type, rate.<name>…, markup,
// effectiveFrom as a datetime-local in UTC or empty for now, reason). Audited as ops.price_changed.
const route = consoleRoute(async (request) => {
  const { operator, form, ip } = request;
  const field = (name: string) => request.field(name);
  const providerId = field("providerId");
  const type = field("type") as GenerationType;
  const rates: Record<string, number> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("rate.") || typeof value !== "string") continue;
    rates[name.slice(5)] = value.trim() === "" ? Number.NaN : Number(value);
  }
  const markup = Number(field("markup"));
  const when = field("effectiveFrom");
  const effectiveFrom = when ? new Date(`${when}Z`) : undefined;
  if (effectiveFrom && Number.isNaN(effectiveFrom.getTime())) throw invalidInput("effectiveFrom", "Give the start as a date and time", "format");
  await changePrice(operator, { providerId, type, rates, markup, effectiveFrom, reason: field("reason") }, ip);
  return { to: `/ops/prices/${providerId}/${type}`, notice: "priceChanged" };
});

export const POST = (request: Request) => route.POST(request);
export const GET = () => route.GET();
