import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmSignUp } from "@/lib/auth/confirm-sign-up";
import { requestSignUp } from "@/lib/auth/request-sign-up";
import { reloadEnv } from "@/lib/env";
import { confirmationLink, type Mailbox, startMailbox } from "../fakes/mailbox";
import { db } from "../helpers/domain";
import { TEST_PASSWORD } from "../helpers/session";

// Mails in the reader's language (issue 19), received by a real SMTP server: the sign-up link in the language of the
// page it was asked from, and a mail to an existing account in the language its owner chose (User.locale).
let mailbox: Mailbox;
let n = 0;
const from = (locale: "en" | "ru") => ({ address: `203.0.113.${++n}`, origin: "http://localhost:3000", locale });
const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${n}@example.com`;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.smtpUrl;
  reloadEnv();
});
afterAll(() => mailbox?.close());

describe("mail locale", () => {
  it("the confirmation link comes in Russian from the Russian page and in English from the English one", async () => {
    const ru = email("ru");
    let since = Date.now();
    await requestSignUp({ email: ru, password: TEST_PASSWORD }, from("ru"));
    const russian = await mailbox.waitFor(ru, { since });
    expect(russian.subject).toBe("Подтвердите почту, чтобы завершить регистрацию в Doitong");
    expect(russian.text).toContain("Ссылка одноразовая и действует 24 ч.");
    expect(russian.html).toContain("Подтвердить адрес почты и создать аккаунт");
    expect(confirmationLink(russian)).toMatch(/\/verify-email\?token=/);

    const en = email("en");
    since = Date.now();
    await requestSignUp({ email: en, password: TEST_PASSWORD }, from("en"));
    const english = await mailbox.waitFor(en, { since });
    expect(english.subject).toBe("Confirm your email to finish creating your Doitong account");
    expect(english.text).toContain("expires in 24 hours");
    expect(english.text).not.toMatch(/[А-я]/);
  });

  it("an account holder who chose Russian is written to in Russian, whatever page the attempt came from", async () => {
    const address = email("owner");
    let since = Date.now();
    await requestSignUp({ email: address, password: TEST_PASSWORD }, from("en"));
    const token = new URL(confirmationLink(await mailbox.waitFor(address, { since }))).searchParams.get("token")!;
    await confirmSignUp(token);
    // What the locale switcher stores for a signed-in person (lib/auth/user-locale.ts).
    await (await db()).user.update({ where: { email: address }, data: { locale: "ru" } });

    since = Date.now();
    await requestSignUp({ email: address, password: "another fine passphrase" }, from("en"));
    const mail = await mailbox.waitFor(address, { since });
    expect(mail.subject).toBe("У вас уже есть аккаунт Doitong");
    expect(mail.text).toContain("Войти можно здесь: http://localhost:3000/signin");
    expect(mail.html).toContain('<a href="http://localhost:3000/signin">Войдите</a>');
  });
});
