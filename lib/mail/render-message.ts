import { type Locale, MESSAGES, type MessageKind, type MessageVariables } from "./messages";

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** A message of `kind` with its variables filled in: plain in subject and text, HTML-escaped in html. */
export function renderMessage<K extends MessageKind>(kind: K, variables: MessageVariables[K], locale: Locale = "en"): RenderedMessage {
  const template = MESSAGES[locale][kind];
  const values = variables as unknown as Record<string, string | number>;
  const fill = (source: string, escape: (value: string) => string) =>
    source.replace(PLACEHOLDER, (_, name: string) => {
      // A template naming a variable its kind does not have is a bug in messages.ts, not something to mail out.
      if (!(name in values)) throw new Error(`Mail template ${locale}/${kind} uses {{${name}}}, which it is not given`);
      return escape(String(values[name]));
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
