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

  it("count credits with the plural form of each number, in both languages", () => {
    const low = (threshold: number, locale: "en" | "ru") => renderMessage("low-balance", { balance: 0, threshold, billingLink: "x" }, locale).subject;
    expect([1, 2, 5, 21].map((n) => low(n, "ru"))).toEqual([
      "Баланс Doitong ниже 1 кредита",
      "Баланс Doitong ниже 2 кредитов",
      "Баланс Doitong ниже 5 кредитов",
      "Баланс Doitong ниже 21 кредита",
    ]);
    expect([1, 100].map((n) => low(n, "en"))).toEqual(["Your Doitong balance is below 1 credit", "Your Doitong balance is below 100 credits"]);
    const budget = (cap: number, locale: "en" | "ru") => renderMessage("key-budget-warning", { keyName: "ci", spent: 80, cap, period: "day", keysLink: "x" }, locale).text;
    expect(budget(1001, "ru")).toContain(`потратил 80 из ${(1001).toLocaleString("ru")} кредита лимита`);
    expect(budget(100, "ru")).toContain("потратил 80 из 100 кредитов лимита");
    expect(budget(100, "en")).toContain("has spent 80 of its 100 credits (day)");
    expect(renderMessage("low-balance", { balance: 1, threshold: 5, billingLink: "x" }, "en").html).toContain("<strong>1 credit</strong>");
    const invite = (expiresInDays: number, locale: "en" | "ru") =>
      renderMessage("team-invitation", { link: "x", inviter: "a", workspace: "w", role: "MEMBER", expiresInDays }, locale).text;
    expect([1, 3, 7, 21].map((n) => /действует ([^.]+)\./.exec(invite(n, "ru"))?.[1])).toEqual(["1 день", "3 дня", "7 дней", "21 день"]);
    expect(invite(1, "en")).toContain("expires in 1 day.");
  });
});
