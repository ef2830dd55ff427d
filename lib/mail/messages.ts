import type { Locale } from "../i18n/locales";

export type { Locale };

/**
 * Every mail the app sends, as data: per locale and kind a subject, a plain-text body and an HTML body. `{{name}}`
 * placeholders are filled by renderMessage (HTML-escaped in `html`), so a translation is a copy of the `en` block with
 * the strings changed — no code. A kind's variables are typed in MessageVariables; each template must use only those.
 */
export interface MessageVariables {
  /** A new address: the link that confirms it and creates the account. */
  "confirm-sign-up": { link: string; expiresInHours: number };
  /** Someone signed up with an address that already has an account: nothing was created or changed. */
  "sign-up-existing": { signInLink: string };
}

export type MessageKind = keyof MessageVariables;

export interface MessageTemplate {
  subject: string;
  text: string;
  html: string;
}

export const MESSAGES: Record<Locale, Record<MessageKind, MessageTemplate>> = {
  en: {
    "confirm-sign-up": {
      subject: "Confirm your email to finish creating your Doitong account",
      text: [
        "Welcome to Doitong!",
        "",
        "Open this link to confirm your email address and create your account:",
        "{{link}}",
        "",
        "The link works once and expires in {{expiresInHours}} hours. Your free welcome credits are added when you confirm.",
        "",
        "If you did not sign up for Doitong, ignore this email: no account is created without this link.",
      ].join("\n"),
      html: [
        "<p>Welcome to Doitong!</p>",
        '<p><a href="{{link}}">Confirm your email address and create your account</a></p>',
        "<p>The link works once and expires in {{expiresInHours}} hours. Your free welcome credits are added when you confirm.</p>",
        "<p>If you did not sign up for Doitong, ignore this email: no account is created without this link.</p>",
      ].join("\n"),
    },
    "sign-up-existing": {
      subject: "You already have a Doitong account",
      text: [
        "Someone, probably you, just tried to create a Doitong account with this email address.",
        "This address already has an account, so nothing was created and nothing was changed.",
        "",
        "Sign in here: {{signInLink}}",
        "(with your password, or with the GitHub or Google sign-in you used before).",
        "",
        "If this was not you, you can ignore this email.",
      ].join("\n"),
      html: [
        "<p>Someone, probably you, just tried to create a Doitong account with this email address.</p>",
        "<p>This address already has an account, so nothing was created and nothing was changed.</p>",
        '<p><a href="{{signInLink}}">Sign in</a> with your password, or with the GitHub or Google sign-in you used before.</p>',
        "<p>If this was not you, you can ignore this email.</p>",
      ].join("\n"),
    },
  },
  // Hours as "ч." (as Russian mails write it) so the sentence needs no plural form of the number.
  ru: {
    "confirm-sign-up": {
      subject: "Подтвердите почту, чтобы завершить регистрацию в Doitong",
      text: [
        "Добро пожаловать в Doitong!",
        "",
        "Откройте эту ссылку, чтобы подтвердить адрес почты и создать аккаунт:",
        "{{link}}",
        "",
        "Ссылка одноразовая и действует {{expiresInHours}} ч. Бесплатные приветственные кредиты начислятся после подтверждения.",
        "",
        "Если вы не регистрировались в Doitong, просто проигнорируйте это письмо: без этой ссылки аккаунт не создаётся.",
      ].join("\n"),
      html: [
        "<p>Добро пожаловать в Doitong!</p>",
        '<p><a href="{{link}}">Подтвердить адрес почты и создать аккаунт</a></p>',
        "<p>Ссылка одноразовая и действует {{expiresInHours}} ч. Бесплатные приветственные кредиты начислятся после подтверждения.</p>",
        "<p>Если вы не регистрировались в Doitong, просто проигнорируйте это письмо: без этой ссылки аккаунт не создаётся.</p>",
      ].join("\n"),
    },
    "sign-up-existing": {
      subject: "У вас уже есть аккаунт Doitong",
      text: [
        "Кто-то — вероятно, вы — только что попытался создать аккаунт Doitong с этим адресом почты.",
        "На этот адрес аккаунт уже зарегистрирован, поэтому ничего не создано и ничего не изменено.",
        "",
        "Войти можно здесь: {{signInLink}}",
        "(по паролю или через GitHub или Google, если вы входили так раньше).",
        "",
        "Если это были не вы, просто проигнорируйте это письмо.",
      ].join("\n"),
      html: [
        "<p>Кто-то — вероятно, вы — только что попытался создать аккаунт Doitong с этим адресом почты.</p>",
        "<p>На этот адрес аккаунт уже зарегистрирован, поэтому ничего не создано и ничего не изменено.</p>",
        '<p><a href="{{signInLink}}">Войдите</a> по паролю или через GitHub или Google, если вы входили так раньше.</p>',
        "<p>Если это были не вы, просто проигнорируйте это письмо.</p>",
      ].join("\n"),
    },
  },
};
