import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/mail/messages";
import { renderMessage } from "@/lib/mail/render-message";

describe("mail templates", () => {
  it("fill every placeholder, escaping values in HTML only", () => {
    const link = `https://app.example/verify-email?token=abc&x="<b>"`;
    const m = renderMessage("confirm-sign-up", { link, expiresInHours: 24 });
    expect(m.text).toContain(link);
    expect(m.html).toContain('href="https://app.example/verify-email?token=abc&amp;x=&quot;&lt;b&gt;&quot;"');
    expect(m.html).not.toContain("<b>");
    for (const part of [m.subject, m.text, m.html]) expect(part).not.toMatch(/\{\{/);
  });

  it("keep line breaks out of the subject", () => {
    expect(renderMessage("sign-up-existing", { signInLink: "x" }).subject).not.toMatch(/[\r\n]/);
  });

  it("exist for every kind in every locale", () => {
    for (const locale of LOCALES) expect(Object.keys(MESSAGES[locale]).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });

  it("go out in Russian for a Russian reader, with every placeholder filled", () => {
    const m = renderMessage("confirm-sign-up", { link: "https://app.example/verify-email?token=abc", expiresInHours: 24 }, "ru");
    expect(m.subject).toBe("Подтвердите почту, чтобы завершить регистрацию в Doitong");
    expect(m.text).toContain("действует 24 ч.");
    expect(m.html).toContain('href="https://app.example/verify-email?token=abc"');
    for (const part of [m.subject, m.text, m.html]) expect(part).not.toMatch(/\{\{/);
  });
});
