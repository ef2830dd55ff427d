import type { StripeObject } from "./stripe";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fake's hosted Checkout page: what is being bought, a Pay button (POST to itself) and a way back. */
export function payPage(session: StripeObject): string {
  const amount = `${(Number(session.amount_total) / 100).toFixed(2)} ${String(session.currency).toUpperCase()}`;
  const cancel = typeof session.cancel_url === "string" ? `<a href="${escape(session.cancel_url)}">Cancel and go back</a>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title>
<style>body{font:16px system-ui,sans-serif;background:#f6f9fc;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:2rem 2.5rem;border-radius:12px;box-shadow:0 4px 24px #0001;min-width:320px}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.75rem 1.5rem;font-size:1rem;width:100%;cursor:pointer}
p.small{color:#697386;font-size:.85rem}</style></head>
<body><main>
<p class="small">Test mode · Fake Stripe Checkout</p>
<h1>Pay ${escape(amount)}</h1>
<p class="small">Session ${escape(session.id)} (${escape(String(session.mode))})</p>
<form method="post"><button type="submit">Pay</button></form>
<p>${cancel}</p>
</main></body></html>`;
}
