import { z } from "zod";
import { db } from "../db";
import { AppError, invalidInput } from "../errors";
import { newId } from "../ids";
import { throwIfSignUpThrottled } from "../limits/auth-policies";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { type MailDelivery, sendMail } from "../mail/send-mail";
import { hashPassword } from "./passwords";
import { passwordProblem } from "./password-policy";
import { confirmLink, newSignUpToken, SIGN_UP_LINK_HOURS } from "./sign-up-tokens";

const schema = z.object({
  email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters").email("Enter a valid email address"),
  password: z.string(),
  name: z.string().trim().max(100, "Use at most 100 characters").optional(),
});

export interface SignUpReceipt {
  email: string;
  /** Where the mail went: a mail server, or the server's log (no SMTP_URL). */
  delivery: MailDelivery;
  expiresInHours: number;
}

/** Requests older than this are deleted when new ones arrive; expired ones can no longer do anything anyway. */
const KEEP_EXPIRED_MS = 7 * 24 * 3_600_000;

/**
 * Starts a sign-up; nothing that can sign in exists until the mailed link is opened (confirm-sign-up.ts).
 *
 * The answer is the same for a new email and for one that already has an account — so it never tells anyone which
 * emails are registered — and the mail says what happened: a confirmation link for a new address; for a known one,
 * that the account exists and nothing changed. Both paths hash the password and send one mail, so they also take
 * about as long. Validation and the password policy come first (they depend only on the input); then the request
 * counts against its address and email domain (lib/limits/auth-policies.ts). Mails go out in `from.locale`, the
 * language of the page the person signed up on, which also becomes the new user's.
 */
export async function requestSignUp(raw: { email: string; password: string; name?: string }, from: { address: string; origin: string; locale?: Locale }): Promise<SignUpReceipt> {
  const pageLocale = from.locale ?? DEFAULT_LOCALE;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(String(issue.path[0] ?? "input"), issue.message);
  }
  const { email, password, name } = parsed.data;
  const [local, domain] = splitEmail(email);
  const weak = passwordProblem(password, [email, local, domain, name ?? ""]);
  if (weak) throw new AppError("INVALID_INPUT", weak.message, { field: "password", reason: weak.reason });
  await throwIfSignUpThrottled(from.address, domain);

  const passwordHash = await hashPassword(password);
  const client = await db();
  const existing = await client.user.findUnique({ where: { email }, select: { id: true, locale: true } });
  if (existing) {
    // Written in the language the account holder chose, if they did; else the sign-up page's.
    const locale = isLocale(existing.locale) ? existing.locale : pageLocale;
    const delivery = await sendMail(email, "sign-up-existing", { signInLink: `${from.origin}/signin` }, locale);
    return { email, delivery, expiresInHours: SIGN_UP_LINK_HOURS };
  }
  const { token, hash } = newSignUpToken();
  const now = Date.now();
  await client.signUpRequest.deleteMany({ where: { expiresAt: { lt: new Date(now - KEEP_EXPIRED_MS) } } });
  await client.signUpRequest.create({
    data: { id: newId("sur"), tokenHash: hash, email, name, passwordHash, locale: pageLocale, expiresAt: new Date(now + SIGN_UP_LINK_HOURS * 3_600_000) },
  });
  const delivery = await sendMail(email, "confirm-sign-up", { link: confirmLink(from.origin, token), expiresInHours: SIGN_UP_LINK_HOURS }, pageLocale);
  return { email, delivery, expiresInHours: SIGN_UP_LINK_HOURS };
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf("@");
  return [email.slice(0, at), email.slice(at + 1)];
}
