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

export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];

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
};
