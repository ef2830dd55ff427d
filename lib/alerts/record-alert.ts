import { afterCommit } from "../db/after-commit";
import { db } from "../db";
import { wakeWebhookDispatcher } from "../dispatch/wake-webhook-dispatcher";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { isLocale, type Locale } from "../i18n/locales";
import { newId } from "../ids";
import { logger } from "../log";
import { sendMail } from "../mail/send-mail";
import type { MessageVariables } from "../mail/messages";
import { endpointWants } from "../webhooks/event-filter";
import { webhookPayload } from "../webhooks/webhook-payload";

const log = logger("alerts");

/** An alert's webhook event and the mail that says the same in words. */
export type Alert =
  | { type: "account.low_balance"; data: { balance: number; threshold: number } }
  | { type: "key.budget_warning"; data: { apiKeyId: string; name: string; cap: number; period: string; spent: number; since: string } };

/**
 * Records an alert inside the transaction that caused it (the reservation that crossed the threshold), so it is
 * sent exactly when that change commits and never for a change that rolled back: the webhook goes into the outbox
 * for every LIVE endpoint that wants it (lib/webhooks), and the mail to the account's address is sent after the
 * commit. Whoever calls this has decided that a threshold was crossed, under the account's row lock — so each
 * crossing is recorded once, however many requests race.
 */
export async function recordAlert(tx: Prisma.TransactionClient, accountId: string, alert: Alert, now = new Date()): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { accountId, mode: "LIVE", enabled: true }, select: { id: true, url: true, events: true } });
  const targets = endpoints.filter((e) => endpointWants(e.events, alert.type));
  if (targets.length > 0) {
    const payload = webhookPayload(alert.type, now, alert.data);
    await tx.webhookDelivery.createMany({
      data: targets.map((t) => ({ id: newId("msg"), accountId, mode: "LIVE" as const, endpointId: t.id, url: t.url, eventType: alert.type, payload, nextAttemptAt: now })),
    });
    afterCommit(tx, wakeWebhookDispatcher);
  }
  afterCommit(tx, () => void mailAlert(accountId, alert));
}

async function mailAlert(accountId: string, alert: Alert): Promise<void> {
  try {
    const client = await db();
    const account = await client.account.findUnique({
      where: { id: accountId },
      select: { email: true, users: { select: { locale: true }, take: 1, orderBy: { createdAt: "asc" } } },
    });
    if (!account) return;
    const stored = account.users[0]?.locale;
    const locale = isLocale(stored) ? stored : "en";
    const origin = (env().DOITONG_PUBLIC_URL ?? env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
    if (alert.type === "account.low_balance") {
      const vars: MessageVariables["low-balance"] = { ...alert.data, billingLink: `${origin}/dashboard/billing` };
      await sendMail(account.email, "low-balance", vars, locale);
    } else {
      const vars: MessageVariables["key-budget-warning"] = {
        keyName: alert.data.name,
        spent: alert.data.spent,
        cap: alert.data.cap,
        period: PERIOD_WORDS[locale][alert.data.period] ?? alert.data.period,
        keysLink: `${origin}/dashboard/keys`,
      };
      await sendMail(account.email, "key-budget-warning", vars, locale);
    }
  } catch (err) {
    // sendMail has logged a failed send; this says which alert it was. The webhook still carries it.
    log.error({ err, accountId, type: alert.type }, "an alert mail could not be sent");
  }
}

const PERIOD_WORDS: Record<Locale, Record<string, string>> = {
  en: { DAY: "per day", MONTH: "per month", TOTAL: "in total" },
  ru: { DAY: "в день", MONTH: "в месяц", TOTAL: "всего" },
};
