import { startFakeStripe } from "../fakes/stripe";
import { startServer } from "../helpers/server";

/**
 * Starts the built app the way `npm start` does (shared with the integration tests), on a free port with a fresh
 * data directory, so the landing is rendered from a clean first boot — which also prints the demo API key the
 * quick-start test uses.
 *
 * Mail: startServer gives the app a local SMTP server; its messages are listed at E2E_MAILBOX_URL for the specs.
 *
 * Billing: the app gets Stripe settings pointing at a local fake Stripe (tests/fakes/stripe.ts) that lives in this
 * process for the whole run, so specs can walk through Checkout; its URL is exported as E2E_FAKE_STRIPE_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const webhookSecret = `whsec_e2e_${Math.random().toString(36).slice(2)}`;
  const stripe = await startFakeStripe({ webhookSecret });
  const server = await startServer({
    DOITONG_DEMO_ACCOUNT: "on",
    STRIPE_SECRET_KEY: "sk_test_e2e",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripe.url,
    STRIPE_PRICE_STARTER: "price_e2e_starter",
    STRIPE_PRICE_PRO: "price_e2e_pro",
  });
  stripe.webhookUrl = `${server.url}/api/webhooks/stripe`;
  process.env.E2E_BASE_URL = server.url;
  // The app's mail goes to a local SMTP server in this process; workers read it over HTTP (tests/fakes/mailbox.ts).
  if (server.mail) process.env.E2E_MAILBOX_URL = server.mail.httpUrl;
  process.env.E2E_FAKE_STRIPE_URL = stripe.url;
  // Where the server keeps its data, for helpers that set things up through lib/ (tests/e2e/support/ops.ts).
  process.env.E2E_DATA_DIR = server.dataDir;
  if (server.env.DATABASE_URL) process.env.E2E_DATABASE_URL = server.env.DATABASE_URL;
  // Workers inherit the runner's environment; the demo key is printed once, on the first boot of a data directory.
  const demoKey = /API key\s+(\S+)/.exec(server.output())?.[1];
  if (demoKey) process.env.E2E_DEMO_API_KEY = demoKey;
  return async () => {
    await server.stop();
    await stripe.close();
  };
}
