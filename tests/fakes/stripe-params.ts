/**
 * Stripe's request encoding and the Checkout Session rules the fake enforces. The SDK sends form-encoded bodies
 * with bracketed keys (`line_items[0][price_data][unit_amount]=500`); this turns them back into objects and checks
 * them the way Stripe does, answering with Stripe's error shape so the SDK raises the same errors it would live.
 */
export type Params = { [key: string]: string | Params | Params[] | string[] };

export interface StripeErrorBody {
  error: { type: "invalid_request_error" | "card_error"; code?: string; decline_code?: string; param?: string; message: string };
}

export function decodeForm(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

const missing = (param: string): StripeErrorBody => ({
  error: { type: "invalid_request_error", code: "parameter_missing", param, message: `Missing required param: ${param}.` },
});
const invalid = (param: string, message: string): StripeErrorBody => ({
  error: { type: "invalid_request_error", code: "parameter_invalid", param, message },
});

const str = (p: Params, key: string): string | undefined => (typeof p[key] === "string" ? p[key] : undefined);
const obj = (p: Params, key: string): Params | undefined => (p[key] && typeof p[key] === "object" && !Array.isArray(p[key]) ? p[key] : undefined);

/** The subset of POST /v1/checkout/sessions validation our code can trip; null when the request is acceptable. */
export function checkSessionParams(p: Params): StripeErrorBody | null {
  const mode = str(p, "mode");
  if (!mode) return missing("mode");
  if (!["payment", "subscription", "setup"].includes(mode)) return invalid("mode", `Invalid mode: must be one of payment, setup, or subscription`);
  if (!str(p, "success_url")) return missing("success_url");
  if (str(p, "customer") && str(p, "customer_email")) return invalid("customer_email", "You may only specify one of these parameters: customer, customer_email.");
  if (str(p, "customer_creation") && mode !== "payment") return invalid("customer_creation", "`customer_creation` can only be used in `payment` mode.");
  const items = Array.isArray(p.line_items) ? (p.line_items as Params[]) : [];
  if (mode !== "setup" && items.length === 0) return missing("line_items");
  for (const [i, item] of items.entries()) {
    const at = `line_items[${i}]`;
    if (!str(item, "quantity")) return missing(`${at}[quantity]`);
    const priceData = obj(item, "price_data");
    if (!str(item, "price") && !priceData) return invalid(at, "You must specify either `price` or `price_data` in each line item.");
    if (priceData) {
      if (!str(priceData, "currency")) return missing(`${at}[price_data][currency]`);
      if (!/^\d+$/.test(str(priceData, "unit_amount") ?? "")) return invalid(`${at}[price_data][unit_amount]`, "Invalid integer");
      if (!obj(priceData, "product_data") && !str(priceData, "product")) return missing(`${at}[price_data][product_data]`);
      if (mode === "subscription" && !obj(priceData, "recurring")) return invalid(`${at}[price_data][recurring]`, "Subscription mode needs recurring prices.");
    }
  }
  return null;
}

/** The amount a session charges, in the smallest currency unit (prices by id cost what `priceAmount` says). */
export function amountTotal(p: Params, priceAmount: (priceId: string) => number): number {
  const items = Array.isArray(p.line_items) ? (p.line_items as Params[]) : [];
  return items.reduce((sum, item) => {
    const unit = Number(str(obj(item, "price_data") ?? {}, "unit_amount") ?? priceAmount(str(item, "price") ?? ""));
    return sum + unit * Number(str(item, "quantity") ?? 1);
  }, 0);
}
