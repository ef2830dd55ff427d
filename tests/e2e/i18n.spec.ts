import { type Browser, type Page, expect, test } from "@playwright/test";
import { confirmationLink } from "../fakes/mailbox";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { E2E_PASSWORD, mailTo, newEmail, signedInAsNewUser } from "./support/session";
import en from "@/messages/en.json" with { type: "json" };
import ru from "@/messages/ru.json" with { type: "json" };

// Issue 19: the landing page, sign-up and the dashboard walk (key, playground generation, history) in Russian and
// in English, chosen by the browser's Accept-Language on a first visit; and a switch of language that outlives the
// page, the browser session and the browser (it is saved on the user).

const guard = forbidNonLocalRequests();
test.use({ viewport: { width: 1280, height: 900 } });

const LOCALES = {
  en: { browser: "en-US", m: en, credit: { one: "credit", other: "credits" } as Record<string, string> },
  ru: { browser: "ru-RU", m: ru, credit: { one: "кредит", few: "кредита", many: "кредитов", other: "кредита" } as Record<string, string> },
} as const;

/** "5 кредитов": the word for `n` credits by the language's own plural rules (not our catalog's). */
function creditsText(locale: keyof typeof LOCALES, n: number): string {
  const form = new Intl.PluralRules(locale).select(n);
  return `${n.toLocaleString(locale)} ${LOCALES[locale].credit[form]}`;
}

/** A catalog message with its {placeholders} filled, as the page shows it. */
const fill = (message: string, values: Record<string, string>) => message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const creditsIn = (text: string | null) => Number(/(\d[\d\s,]*)/.exec(text ?? "")?.[1].replace(/[\s,]/g, "") ?? NaN);

for (const [locale, { browser, m }] of Object.entries(LOCALES) as [keyof typeof LOCALES, (typeof LOCALES)[keyof typeof LOCALES]][]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale: browser });
    const shot = (page: Page, name: string) => saveScreenshot(page, `i18n-${locale}-${name}`);

    test("the landing page speaks the browser's language, with its plurals and tables", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.landing.hero.title);
      await expect(page.getByRole("heading", { level: 2, name: m.landing.features.title })).toBeVisible();
      // The product page's own wording for the error and plan tables.
      await expect(page.getByTestId("error-table").locator('tr[data-code="INSUFFICIENT_CREDITS"]')).toContainText(m.errorTable.INSUFFICIENT_CREDITS.description);
      await expect(page.getByTestId("plan-table").locator('tr[data-plan="ENTERPRISE"] td')).toHaveText([m.landing.limits.custom, m.landing.limits.custom, m.format.unlimited]);
      // Every price on a provider card has the right plural for its number.
      const prices = page.locator("li[data-provider] dd").filter({ hasText: /\d/ }).first();
      await expect(prices).toBeVisible();
      for (const dd of await page.locator("li[data-provider] dl > div:first-child dd").all()) {
        const text = (await dd.textContent()) ?? "";
        if (/^(from|от) /.test(text)) continue;
        expect(text).toBe(creditsText(locale, creditsIn(text)));
      }
      await shot(page, "landing");

      await page.goto("/no-such-page");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.notFound.title);
      await shot(page, "404");
    });

    test("sign-up, the mail, sign-in, a key, a generation and history", async ({ page }) => {
      test.setTimeout(180_000);
      const email = newEmail(`i18n-${locale}`);
      await page.goto("/signup");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.auth.signUp.title);
      await page.getByLabel(m.auth.signUp.email, { exact: true }).fill(email);
      await page.getByLabel(m.auth.signUp.password, { exact: true }).fill("short");
      await page.getByRole("button", { name: m.auth.signUp.create }).click();
      // A refusal in words from its code and reason, not the API's English sentence.
      await expect(page.locator("#password-error")).toHaveText(m.auth.signUp.passwordErrors["too-short"]);
      await page.getByLabel(m.auth.signUp.password, { exact: true }).fill(E2E_PASSWORD);
      await shot(page, "signup");
      const since = Date.now();
      await page.getByRole("button", { name: m.auth.signUp.create }).click();
      await expect(page.getByTestId("check-email")).toContainText(m.auth.signUp.checkEmail);
      await expect(page.getByTestId("check-email")).toContainText(email);
      // The mail is written in the language of the page the person signed up on.
      const mail = await mailTo(email, since);
      expect(mail.subject).toBe(locale === "ru" ? "Подтвердите почту, чтобы завершить регистрацию в Doitong" : "Confirm your email to finish creating your Doitong account");

      await page.goto(confirmationLink(mail));
      await expect(page.getByTestId("sign-in-notice")).toContainText(locale === "ru" ? "50 приветственных кредитов" : "50 welcome credits");
      await page.getByLabel(m.auth.signIn.email, { exact: true }).fill(email);
      await page.getByLabel(m.auth.signIn.password, { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole("button", { name: m.auth.signIn.signIn, exact: true }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.dashboard.overview.title);
      await expect(page.getByTestId("stat-balance")).toContainText(creditsText(locale, 50));
      await expect(page.getByTestId("stat-balance")).toContainText(m.dashboard.overview.balance);
      await expect(page.getByTestId("recent-generations")).toContainText(m.dashboard.overview.noneYet);
      await shot(page, "overview");

      // A key.
      await page.getByRole("link", { name: m.dashboard.nav.keys }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.dashboard.keys.title);
      await page.getByLabel(m.dashboard.keys.name, { exact: true }).fill("i18n key");
      await page.getByRole("button", { name: m.dashboard.keys.createButton }).click();
      await expect(page.getByTestId("new-key-value")).toHaveText(/^dk_live_/);
      await expect(page.getByTestId("new-key")).toContainText(m.dashboard.keys.onlyOnce);
      await expect(page.getByTestId("keys-list")).toContainText(m.dashboard.keys.neverUsed);
      await shot(page, "keys");

      // A generation in the playground, followed to its result.
      await page.getByRole("link", { name: m.dashboard.nav.playground }).click();
      await expect(page.getByRole("tab", { name: m.playground.types.IMAGE })).toHaveAttribute("aria-selected", "true");
      await page.getByLabel(m.playground.provider, { exact: true }).selectOption("local");
      await expect(page.getByTestId("options-form")).toHaveAttribute("data-provider", "local");
      await page.getByLabel(new RegExp(`^${m.playground.prompt}`)).fill("A lighthouse at dawn");
      await expect(page.getByTestId("estimate")).toHaveAttribute("aria-busy", "false");
      const cost = creditsIn(await page.getByTestId("estimate-credits").textContent());
      await expect(page.getByTestId("estimate-credits")).toHaveText(creditsText(locale, cost));
      await expect(page.getByTestId("balance")).toContainText(creditsText(locale, 50));
      const card = page.getByRole("region", { name: m.playground.currentRun });
      await page.getByRole("button", { name: m.playground.run, exact: true }).click();
      await expect(card).toHaveAttribute("data-status", /QUEUED|PROCESSING|COMPLETED/);
      await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 60_000 });
      await expect(card.getByTestId("run-status")).toContainText(m.playground.doneIn.split(" {")[0]);
      await expect(card.locator("[data-status]").first()).toHaveText(m.dashboard.status.COMPLETED);
      await expect(page.getByTestId("balance")).toContainText(creditsText(locale, 50 - cost));
      await shot(page, "playground");

      // History lists it, with its status and its cost in words.
      await page.getByRole("link", { name: m.dashboard.nav.history }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.dashboard.history.title);
      const row = page.getByTestId("history-list").locator("li[data-generation]").first();
      await expect(row).toContainText(m.dashboard.status.COMPLETED);
      await expect(row).toContainText(creditsText(locale, cost));
      await shot(page, "history");
      await row.getByRole("link").click();
      await expect(page.getByTestId("timeline")).toContainText(m.dashboard.history.stepCompleted);
      await expect(page.getByTestId("generation-facts")).toContainText(m.dashboard.history.factProvider);
      await shot(page, "generation");
    });

    test("credits & billing, plans and webhooks, and a warning worded from its code", async ({ page }) => {
      test.setTimeout(180_000);
      await signedInAsNewUser(page);
      // Signed up over the API (no page, so no language of its own), the account starts in English: choose.
      await page.goto("/dashboard");
      if (locale !== "en") await page.getByTestId("locale-switcher").getByRole("button", { name: locale.toUpperCase() }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const credit = (n: number) => LOCALES[locale].credit[new Intl.PluralRules(locale).select(n)];

      // Credits & billing: the balance with its plural, the packs by name, a Buy button that says what it buys.
      await page.goto("/dashboard/billing");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page).toHaveTitle(m.billing.metaTitle);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.billing.title);
      await expect(page.getByTestId("billing-balance")).toContainText(m.billing.balance);
      await expect(page.getByTestId("billing-balance")).toContainText(`50${credit(50)}`);
      await expect(page.getByTestId("pack-pack_500")).toContainText(m.billing.packs.names.pack_500);
      const buyName = fill(m.billing.packs.buyAria, { credits: creditsText(locale, 500), price: "" }).trim();
      await expect(page.getByTestId("pack-pack_500").getByRole("button")).toHaveAccessibleName(new RegExp(`^${escapeRe(buyName)} `));
      await expect(page.getByTestId("ledger")).toContainText(m.billing.ledger.balanceAfter);
      await shot(page, "billing");

      // Plans: the current plan, what each button does, in words.
      await page.getByRole("link", { name: m.dashboard.nav.plans }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.plans.title);
      await expect(page).toHaveTitle(m.plans.metaTitle);
      await expect(page.getByTestId("plan-FREE")).toContainText(m.plans.card.current);
      await expect(page.getByTestId("plan-FREE")).toContainText(m.plans.card.daily);
      await expect(page.getByTestId("plan-ENTERPRISE")).toContainText(m.plans.actions.contactSales);
      await expect(page.getByTestId("plan-STARTER").getByRole("button", { name: fill(m.plans.actions.upgradeTo, { to: "Starter" }) })).toBeVisible();
      await shot(page, "plans");

      // Webhooks: an empty list, a refusal worded from its code and reason, the event names.
      await page.getByRole("link", { name: m.dashboard.nav.webhooks }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.webhooks.title);
      await expect(page).toHaveTitle(m.webhooks.metaTitle);
      await expect(page.getByTestId("endpoints-list")).toContainText(m.webhooks.noEndpoints);
      await expect(page.getByTestId("deliveries-list")).toContainText(m.webhooks.noDeliveries);
      await expect(page.getByTestId("signing-secret")).toContainText(m.webhooks.secret.title);
      await page.getByLabel(m.webhooks.add.url, { exact: true }).fill("http://10.0.0.8/hooks");
      await page.getByRole("button", { name: m.webhooks.add.submit }).click();
      const form = page.getByRole("form", { name: m.webhooks.add.formLabel });
      await expect(form.getByRole("alert")).toContainText(fill(m.apiErrors.reasons["private-address"], { field: m.apiErrors.fields.url }));
      await expect(page.getByRole("checkbox", { name: new RegExp(m.webhooks.events.generation_completed.label) })).toBeVisible();
      await shot(page, "webhooks");

      // A warning in the playground: the local preview cannot take a negative prompt, and says so in the reader's words.
      await page.getByRole("link", { name: m.dashboard.nav.playground }).click();
      await page.getByLabel(m.playground.provider, { exact: true }).selectOption("local");
      await expect(page.getByTestId("options-form")).toHaveAttribute("data-provider", "local");
      await page.getByLabel(new RegExp(`^${m.playground.prompt}`)).fill("A lighthouse at dawn");
      await page.locator("#opt-negativePrompt").fill("blurry");
      // Option descriptions come from the catalogs too, by option and content type.
      await expect(page.getByTestId("options-form")).toContainText(m.optionCopy.unified.IMAGE.negativePrompt);
      const warning = page.getByTestId("estimate-warnings").locator('li[data-code="OPTION_IGNORED"]');
      await expect(warning).toHaveText(fill(m.warnings.OPTION_IGNORED, { field: "negativePrompt", provider: "Local preview" }));
      await shot(page, "playground-warning");
      // The same warning on the generation's page, once it has run.
      const card = page.getByRole("region", { name: m.playground.currentRun });
      await page.getByRole("button", { name: m.playground.run, exact: true }).click();
      await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 60_000 });
      await page.getByRole("link", { name: m.dashboard.nav.history }).click();
      await page.getByTestId("history-list").locator("li[data-generation]").first().getByRole("link").click();
      await expect(page.getByTestId("generation-warnings").locator('li[data-code="OPTION_IGNORED"]')).toHaveText(
        fill(m.warnings.OPTION_IGNORED, { field: "negativePrompt", provider: "Local preview" }),
      );
      await shot(page, "generation-warning");
    });
  });
}

/** A second browser: no cookies at all, an English Accept-Language. */
async function freshBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", baseURL: process.env.E2E_BASE_URL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  guard.watch(page);
  return page;
}

test.describe("switching language", () => {
  test.use({ locale: "en-US" });

  test("a visitor's choice holds across pages", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByTestId("locale-switcher").getByRole("button", { name: "RU" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru.landing.hero.title);
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru.auth.signIn.title);
    await page.getByTestId("locale-switcher").getByRole("button", { name: "EN" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.auth.signIn.title);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("a signed-in person's choice holds across pages, sessions and browsers", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const { email, password } = await signedInAsNewUser(page);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.dashboard.overview.title);
    await page.getByTestId("locale-switcher").getByRole("button", { name: "RU" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru.dashboard.overview.title);
    await page.getByRole("link", { name: ru.dashboard.nav.history }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru.dashboard.history.title);
    await page.goto("/dashboard/keys");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru.dashboard.keys.title);

    // Another browser (nothing shared, English Accept-Language): once signed in, the dashboard opens in Russian.
    const other = await freshBrowser(browser);
    await other.goto("/signin");
    await expect(other.locator("html")).toHaveAttribute("lang", "en");
    await other.getByLabel(en.auth.signIn.email, { exact: true }).fill(email);
    await other.getByLabel(en.auth.signIn.password, { exact: true }).fill(password);
    await other.getByRole("button", { name: en.auth.signIn.signIn, exact: true }).click();
    await expect(other).toHaveURL(/\/dashboard$/);
    await expect(other.locator("html")).toHaveAttribute("lang", "ru");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(ru.dashboard.overview.title);
    await saveScreenshot(other, "i18n-switch-new-browser");
    await other.context().close();
  });
});
