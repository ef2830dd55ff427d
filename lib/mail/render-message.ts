import { type Locale, MESSAGES, type MessageKind, type MessageVariables } from "./messages";

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

// {{name}}, or {{name|form|form…}}: a count with its noun in the locale's plural forms, one per category of
// Intl.PluralRules in PLURAL_ORDER ("{{cap|credit|credits}}", "{{cap|кредита|кредитов|кредитов}}").
const PLACEHOLDER = /\{\{(\w+)((?:\|[^|}]+)*)\}\}/g;
const PLURAL_ORDER: Record<Locale, Intl.LDMLPluralRule[]> = { en: ["one", "other"], ru: ["one", "few", "many"] };

/** A message of `kind` with its variables filled in: plain in subject and text, HTML-escaped in html. */
export function renderMessage<K extends MessageKind>(kind: K, variables: MessageVariables[K], locale: Locale = "en"): RenderedMessage {
  const template = MESSAGES[locale][kind];
  const values = variables as unknown as Record<string, string | number>;
  const fill = (source: string, escape: (value: string) => string) =>
    source.replace(PLACEHOLDER, (_, name: string, forms: string) => {
      // A template naming a variable its kind does not have is a bug in messages.ts, not something to mail out.
      if (!(name in values)) throw new Error(`Mail template ${locale}/${kind} uses {{${name}}}, which it is not given`);
      if (!forms) return escape(String(values[name]));
      const words = forms.slice(1).split("|");
      const order = PLURAL_ORDER[locale];
      if (words.length !== order.length) throw new Error(`Mail template ${locale}/${kind}: {{${name}|…}} needs ${order.length} forms (${order.join(", ")})`);
      const n = Number(values[name]);
      // Fractions ("other" in Russian) read like "few" (2,5 кредита).
      const category = new Intl.PluralRules(locale).select(n);
      const word = words[Math.max(0, order.indexOf(category === "other" && locale === "ru" ? "few" : category))] ?? words.at(-1);
      return escape(`${new Intl.NumberFormat(locale).format(n)} ${word}`);
    });
  return { subject: fill(template.subject, oneLine), text: fill(template.text, (v) => v), html: fill(template.html, escapeHtml) };
}

/** Header values never carry a line break (header injection). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
