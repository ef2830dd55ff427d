import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server in the test process (npm smtp-server) that keeps every message it receives, parsed with
 * mailparser. The app sends to it through SMTP_URL exactly as it would to a production mail server. For the
 * browser tests, whose workers are other processes, the same messages are listed over HTTP: GET /messages?to=…
 */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
}

export interface Mailbox {
  smtpUrl: string;
  httpUrl: string;
  messages: ReceivedMail[];
  /** The first message to `to` (received after `since`, default any time) matching `subject`; waits up to `timeoutMs`. */
  waitFor(to: string, options?: { subject?: RegExp; since?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      // mailparser is loaded with the first message, not with every test file that starts a server: most never
      // receive mail, and loading it cost each of their workers ~0.25 CPU-s.
      import("mailparser")
        .then(({ simpleParser }) => simpleParser(stream))
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
          messages.push({
            to,
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://mailbox");
    const to = url.searchParams.get("to")?.toLowerCase();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(messages.filter((m) => !to || m.to.includes(to))));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const httpPort = (api.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    messages,
    async waitFor(to, { subject, since = 0, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.to.includes(to.toLowerCase()) && m.receivedAt >= since && (!subject || subject.test(m.subject)));
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no mail to ${to}${subject ? ` matching ${subject}` : ""} within ${timeoutMs} ms (got: ${messages.map((m) => `${m.to.join(", ")} "${m.subject}"`).join("; ") || "none"})`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => api.close(() => resolve()))]);
    },
  };
}

/** The sign-up confirmation link in a mail's text. */
export function confirmationLink(mail: Pick<ReceivedMail, "text">): string {
  const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no confirmation link in: ${mail.text}`);
  return link;
}

/** The workspace invitation link in a mail's text. */
export function invitationLink(mail: Pick<ReceivedMail, "text">): string {
  const link = /https?:\/\/\S+\/invite\/[\w-]{43}/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no invitation link in: ${mail.text}`);
  return link;
}
