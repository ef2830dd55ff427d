import type { Locale } from "../i18n/locales";

export type { Locale };

/**
 * Every mail the app sends, as data: per locale and kind a subject, a plain-text body and an HTML body. `{{name}}`
 * placeholders are filled by renderMessage (HTML-escaped in `html`) — `{{n|credit|credits}}` is a count with its noun in
 * the locale's plural forms (Russian: one|few|many, `{{n|кредита|кредитов|кредитов}}`) — so a translation is a copy of the `en` block with
 * the strings changed — no code. A kind's variables are typed in MessageVariables; each template must use only those.
 */
export interface MessageVariables {
  /** A new address: the link that confirms it and creates the account. */
  "confirm-sign-up": { link: string; expiresInHours: number };
  /** Someone signed up with an address that already has an account: nothing was created or changed. */
  "sign-up-existing": { signInLink: string };
  /** A reservation took the balance below the account's low-balance threshold (once per crossing). */
  "low-balance": { balance: number; threshold: number; billingLink: string };
  /** An API key has spent 80 % of its spend cap in the current period (once per crossing). */
  "key-budget-warning": { keyName: string; spent: number; cap: number; period: string; keysLink: string };
  /** An invitation to join a workspace with a role: the link opens it (sign-in or sign-up first). */
  "team-invitation": { link: string; inviter: string; workspace: string; role: string; expiresInDays: number };
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
    "low-balance": {
      subject: "Your Doitong balance is below {{threshold|credit|credits}}",
      text: [
        "Your Doitong credit balance has dropped to {{balance|credit|credits}}, below the alert threshold of {{threshold}} you set.",
        "",
        "Generations are refused once the balance cannot cover them. Top up here: {{billingLink}}",
        "",
        "You get this email once each time the balance falls below the threshold.",
      ].join("\n"),
      html: [
        "<p>Your Doitong credit balance has dropped to <strong>{{balance|credit|credits}}</strong>, below the alert threshold of {{threshold}} you set.</p>",
        '<p>Generations are refused once the balance cannot cover them. <a href="{{billingLink}}">Top up your balance</a>.</p>',
        "<p>You get this email once each time the balance falls below the threshold.</p>",
      ].join("\n"),
    },
    "key-budget-warning": {
      subject: "API key “{{keyName}}” has used 80% of its spend cap",
      text: [
        "Your API key “{{keyName}}” has spent {{spent}} of its {{cap|credit|credits}} ({{period}}).",
        "",
        "When the cap is reached, its generations are refused with INSUFFICIENT_CREDITS until the period ends or the cap is raised.",
        "Change the key's limits here: {{keysLink}}",
      ].join("\n"),
      html: [
        "<p>Your API key “{{keyName}}” has spent <strong>{{spent}}</strong> of its {{cap|credit|credits}} ({{period}}).</p>",
        "<p>When the cap is reached, its generations are refused with INSUFFICIENT_CREDITS until the period ends or the cap is raised.</p>",
        '<p><a href="{{keysLink}}">Change the key’s limits</a></p>',
      ].join("\n"),
    },
    "team-invitation": {
      subject: "{{inviter}} invited you to a Doitong workspace",
      text: [
        "{{inviter}} invited you to join the Doitong workspace {{workspace}} as {{role}}.",
        "",
        "Open this link to accept or decline (sign in, or create an account with this email address, first):",
        "{{link}}",
        "",
        "The invitation expires in {{expiresInDays|day|days}}. If you did not expect it, ignore this email.",
      ].join("\n"),
      html: [
        "<p>{{inviter}} invited you to join the Doitong workspace {{workspace}} as {{role}}.</p>",
        '<p><a href="{{link}}">Open the invitation</a> to accept or decline (sign in, or create an account with this email address, first).</p>',
        "<p>The invitation expires in {{expiresInDays|day|days}}. If you did not expect it, ignore this email.</p>",
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
    "low-balance": {
      subject: "Баланс Doitong ниже {{threshold|кредита|кредитов|кредитов}}",
      text: [
        "Баланс кредитов Doitong снизился до {{balance}} — ниже установленного вами порога {{threshold}}.",
        "",
        "Когда баланса не хватает на генерацию, она отклоняется. Пополнить баланс: {{billingLink}}",
        "",
        "Это письмо приходит один раз при каждом снижении баланса ниже порога.",
      ].join("\n"),
      html: [
        "<p>Баланс кредитов Doitong снизился до <strong>{{balance}}</strong> — ниже установленного вами порога {{threshold}}.</p>",
        '<p>Когда баланса не хватает на генерацию, она отклоняется. <a href="{{billingLink}}">Пополнить баланс</a>.</p>',
        "<p>Это письмо приходит один раз при каждом снижении баланса ниже порога.</p>",
      ].join("\n"),
    },
    "key-budget-warning": {
      subject: "API-ключ «{{keyName}}» израсходовал 80% лимита",
      text: [
        "API-ключ «{{keyName}}» потратил {{spent}} из {{cap|кредита|кредитов|кредитов}} лимита ({{period}}).",
        "",
        "Когда лимит будет исчерпан, генерации с этим ключом будут отклоняться с INSUFFICIENT_CREDITS до конца периода или до повышения лимита.",
        "Изменить ограничения ключа: {{keysLink}}",
      ].join("\n"),
      html: [
        "<p>API-ключ «{{keyName}}» потратил <strong>{{spent}}</strong> из {{cap|кредита|кредитов|кредитов}} лимита ({{period}}).</p>",
        "<p>Когда лимит будет исчерпан, генерации с этим ключом будут отклоняться с INSUFFICIENT_CREDITS до конца периода или до повышения лимита.</p>",
        '<p><a href="{{keysLink}}">Изменить ограничения ключа</a></p>',
      ].join("\n"),
    },
    "team-invitation": {
      subject: "{{inviter}} приглашает вас в рабочее пространство Doitong",
      text: [
        "{{inviter}} приглашает вас в рабочее пространство Doitong {{workspace}} с ролью {{role}}.",
        "",
        "Откройте ссылку, чтобы принять или отклонить приглашение (сначала войдите или зарегистрируйтесь с этим адресом почты):",
        "{{link}}",
        "",
        "Приглашение действует {{expiresInDays|день|дня|дней}}. Если вы его не ждали, просто проигнорируйте это письмо.",
      ].join("\n"),
      html: [
        "<p>{{inviter}} приглашает вас в рабочее пространство Doitong {{workspace}} с ролью {{role}}.</p>",
        '<p><a href="{{link}}">Открыть приглашение</a>, чтобы принять или отклонить его (сначала войдите или зарегистрируйтесь с этим адресом почты).</p>',
        "<p>Приглашение действует {{expiresInDays|день|дня|дней}}. Если вы его не ждали, просто проигнорируйте это письмо.</p>",
      ].join("\n"),
    },
  },
};
