/**
 * `npm run i18n:keys` (CI, before the tests): the two message catalogs must say the same things. Fails when a key
 * exists in one locale and not the other, when a message is not valid ICU, or when a translation drops or invents
 * a placeholder ({count}, {provider}) or a rich-text tag (<code>…</code>) — each would show a person a hole or a
 * raw brace. Also checks that every Russian plural covers the forms Russian needs (one, few, many).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

type Catalog = { [key: string]: string | Catalog };

const LOCALES = ["en", "ru"] as const;
const root = join(import.meta.dirname, "..", "messages");
const catalogs = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(join(root, `${l}.json`), "utf8")) as Catalog]));

/** "a.b.c" → message, for every leaf. */
function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The placeholders and tags a message uses, and the plural branches it offers. */
function shape(elements: MessageFormatElement[], into = { args: new Set<string>(), plurals: [] as string[][] }) {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.args.add(el.value);
    if (el.type === TYPE.tag) {
      into.args.add(`<${el.value}>`);
      shape(el.children, into);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.args.add(el.value);
      if (el.type === TYPE.plural && el.pluralType === "cardinal") into.plurals.push(Object.keys(el.options));
      for (const option of Object.values(el.options)) shape(option.value, into);
    }
  }
  return into;
}

const problems: string[] = [];
const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogs[l])])) as Record<(typeof LOCALES)[number], Map<string, string>>;
const keys = new Set(LOCALES.flatMap((l) => [...flat[l].keys()]));
for (const key of [...keys].sort()) {
  const shapes = LOCALES.map((l) => {
    const message = flat[l].get(key);
    if (message === undefined) {
      problems.push(`${key}: missing in messages/${l}.json`);
      return null;
    }
    try {
      return shape(parse(message, { ignoreTag: false }));
    } catch (error) {
      problems.push(`${key} (${l}): not a valid ICU message: ${(error as Error).message}`);
      return null;
    }
  });
  const [en, ru] = shapes;
  if (en && ru) {
    const a = [...en.args].sort().join(", ");
    const b = [...ru.args].sort().join(", ");
    if (a !== b) problems.push(`${key}: en uses {${a}}, ru uses {${b}}`);
    // "1 кредит, 2 кредита, 5 кредитов": without one/few/many, some number gets the wrong ending. A plural whose
    // words do not change between few and many may say so with `other` (от 2 кредитов, от 5 кредитов).
    for (const forms of ru.plurals) {
      const covered = ["one", "few", "many"].every((f) => forms.includes(f)) || (forms.includes("one") && forms.includes("other"));
      if (!covered) problems.push(`${key} (ru): a plural needs one, few and many (or one and other), has ${forms.join(", ")}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`messages/: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`messages/: ${keys.size} keys, the same in ${LOCALES.join(" and ")}`);
