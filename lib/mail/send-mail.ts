import type { Transporter } from "nodemailer";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../log";
import type { Locale, MessageKind, MessageVariables } from "./messages";
import { renderMessage } from "./render-message";
import { processSlot } from "../process-singleton";

/**
 * The one way out for mail. With SMTP_URL set, nodemailer sends through that server (smtp:// or smtps://, with
 * credentials in the URL) from MAIL_FROM. Without it — the embedded default, one machine and no mail server — the
 * message is written to the log (lib/log.ts) instead, links included, and the caller is told so it can say where
 * to look. A send that fails is logged once and becomes SERVICE_UNAVAILABLE: the caller's request fails visibly
 * rather than leaving someone waiting for a mail that will never come.
 */
export type MailDelivery = "smtp" | "log";

const log = logger("mail");

// Bounded waits, so a dead mail server fails a request in seconds instead of holding it open.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

const mail = processSlot<{ url: string; transport: Transporter }>("mail");

async function transport(url: string): Promise<Transporter> {
  if (mail.get()?.url !== url) {
    // Loaded with the first mail sent instead of at every server start: most starts (test servers) send none.
    const { default: nodemailer } = await import("nodemailer");
    // Checked again after the wait: a send that started meanwhile may have made it.
    if (mail.get()?.url !== url) mail.set({ url, transport: nodemailer.createTransport(url, TIMEOUTS) });
  }
  return mail.get()!.transport;
}

export async function sendMail<K extends MessageKind>(to: string, kind: K, variables: MessageVariables[K], locale: Locale = "en"): Promise<MailDelivery> {
  const message = renderMessage(kind, variables, locale);
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    log.warn({ to, kind, subject: message.subject, text: message.text }, "SMTP_URL is not set, so this mail was not sent: it is printed here instead");
    return "log";
  }
  try {
    await (await transport(SMTP_URL)).sendMail({ from: MAIL_FROM, to, subject: message.subject, text: message.text, html: message.html });
    return "smtp";
  } catch (err) {
    log.error({ err, kind }, "sending mail failed");
    throw new AppError("SERVICE_UNAVAILABLE", "We couldn’t send the email just now. Try again in a few minutes.", { service: "mail" });
  }
}
