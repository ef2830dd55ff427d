import { getTranslations } from "next-intl/server";
import { getFormatter } from "next-intl/server";
import { PLANS, PLAN_IDS } from "@/lib/limits/plans";
import { SANDBOX_SCENARIOS } from "@/lib/providers/sandbox/scenarios";
import { GENERATED_PART_NAMES, type GeneratedPartName } from "./pages";
import { currentPriceBook } from "@/lib/prices/price-book";
import { catalogProviders, errorCodes, GENERATION_TYPES, schemaTypes, type TypeRef } from "./reference-data";

/**
 * The parts of the docs generated from the running code, placed in a page by `<!-- doitong:<name> -->`
 * (components/docs/content.ts). Identifiers stay English (they are the API); the words around them follow the
 * reader's language.
 */

/** Backticked words in the error table's prose are identifiers: show them as code. */
function withCode(text: string) {
  return text.split(/(`[^`]+`)/).map((part, i) => (part.startsWith("`") ? <code key={i}>{part.slice(1, -1)}</code> : part));
}

async function SchemaReference() {
  const t = await getTranslations("docs.ref");
  const types = schemaTypes();
  const typeLink = (type: string) => {
    const name = type.replace(/[[\]!]/g, "");
    return types.some((x) => x.name === name) ? (
      <a href={`#type-${name}`}>
        <code>{type}</code>
      </a>
    ) : (
      <code>{type}</code>
    );
  };
  const kinds: TypeRef["kind"][] = ["OBJECT", "INTERFACE", "UNION", "INPUT_OBJECT", "ENUM", "SCALAR"];
  return (
    <div data-testid="schema-reference">
      <nav aria-label={t("typeIndex")} className="docs-type-index">
        {kinds.map((kind) => {
          const of = types.filter((x) => x.kind === kind);
          return of.length ? (
            <p key={kind}>
              <strong>{t(`kinds.${kind}`)}:</strong>{" "}
              {of.map((x, i) => (
                <span key={x.name}>
                  {i > 0 && ", "}
                  <a href={`#type-${x.name}`}>{x.name}</a>
                </span>
              ))}
            </p>
          ) : null;
        })}
      </nav>
      {types.map((type) => (
        <section key={type.name} id={`type-${type.name}`} data-type={type.name} className="docs-ref-item">
          <h3>
            <code>{type.name}</code> <span className="docs-badge">{t(`kinds.${type.kind}`)}</span>
          </h3>
          {type.description && <p>{withCode(type.description)}</p>}
          {type.fields.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("field")}</th>
                  <th scope="col">{t("type")}</th>
                  <th scope="col">{t("description")}</th>
                </tr>
              </thead>
              <tbody>
                {type.fields.map((f) => (
                  <tr key={f.name}>
                    <td>
                      <code>{f.name}</code>
                    </td>
                    <td>{typeLink(f.type)}</td>
                    <td>
                      {f.description && withCode(f.description)}
                      {f.deprecationReason && <p className="docs-note">{t("deprecated", { reason: f.deprecationReason })}</p>}
                      {f.args.length > 0 && (
                        <ul className="docs-args" aria-label={t("arguments")}>
                          {f.args.map((a) => (
                            <li key={a.name}>
                              <code>{a.name}</code>: {typeLink(a.type)}
                              {a.defaultValue !== undefined && (
                                <>
                                  {" "}
                                  = <code>{a.defaultValue}</code>
                                </>
                              )}
                              {a.description && <> — {withCode(a.description)}</>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {type.values.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("value")}</th>
                  <th scope="col">{t("description")}</th>
                </tr>
              </thead>
              <tbody>
                {type.values.map((v) => (
                  <tr key={v.name}>
                    <td>
                      <code>{v.name}</code>
                    </td>
                    <td>{v.description && withCode(v.description)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {type.members.length > 0 && (
            <p>
              {t("members")}:{" "}
              {type.members.map((m) => (
                <code key={m}>{m} </code>
              ))}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

async function ProvidersReference() {
  const t = await getTranslations("docs.ref");
  const copy = await getTranslations("providerCopy");
  const format = await getFormatter();
  const providers = catalogProviders(await currentPriceBook());
  return (
    <div data-testid="providers-reference">
      {GENERATION_TYPES.map((type) => (
        <section key={type} id={`providers-${type.toLowerCase()}`}>
          <h2>{t(`types.${type}`)}</h2>
          {providers
            .filter((p) => p.type === type)
            .map((p) => {
              const key = p.id.replaceAll(".", "_");
              return (
                <section key={p.id} id={`provider-${type.toLowerCase()}-${p.id}`} data-provider={p.id} className="docs-ref-item">
                  <h3>
                    {p.name} <code>{p.id}</code> <span className="docs-badge">{p.available ? t("available") : t("notConfigured")}</span>
                  </h3>
                  <p>{copy.has(key) ? copy(key) : p.description}</p>
                  <dl className="docs-facts">
                    <dt>{t("vendor")}</dt>
                    <dd>{p.vendor}</dd>
                    <dt>{t("price")}</dt>
                    <dd>
                      {t("credits", { count: p.pricing.creditCost })}
                      {p.priceRange.min !== p.priceRange.max && <> ({t("priceRange", { min: format.number(p.priceRange.min), max: format.number(p.priceRange.max) })})</>}
                    </dd>
                    <dt>{t("time")}</dt>
                    <dd>{t("seconds", { count: p.pricing.estimatedTime })}</dd>
                    <dt>{t("status")}</dt>
                    <dd>{p.available ? t("available") : (p.unavailableReason ?? t("notConfigured"))}</dd>
                    {p.inputs.length > 0 && (
                      <>
                        <dt>{t("inputs")}</dt>
                        <dd>
                          {p.inputs.map((i) => (
                            <code key={i.name}>
                              {i.name}
                              {i.required ? "*" : ""}{" "}
                            </code>
                          ))}
                        </dd>
                      </>
                    )}
                    {p.models.length > 0 && (
                      <>
                        <dt>{t("models")}</dt>
                        <dd>
                          {p.models.map((m) => (
                            <span key={m.id} className="docs-model">
                              <code>{m.id}</code> <span className="docs-badge">{m.status}</span>
                              {m.sunsetAt && <> {t("sunset", { date: m.sunsetAt })}</>}
                              {m.successor && (
                                <>
                                  {" "}
                                  → <code>{m.successor}</code>
                                </>
                              )}{" "}
                            </span>
                          ))}
                        </dd>
                      </>
                    )}
                  </dl>
                  {p.options.length > 0 && (
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t("option")}</th>
                          <th scope="col">{t("type")}</th>
                          <th scope="col">{t("allowed")}</th>
                          <th scope="col">{t("default")}</th>
                          <th scope="col">{t("description")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.options.map((o) => (
                          <tr key={o.name}>
                            <td>
                              <code>{o.name}</code>
                              {o.required ? "*" : ""}
                            </td>
                            <td>{o.type}</td>
                            <td>
                              {o.allowedValues ? (
                                o.allowedValues.map((v) => <code key={v}>{v} </code>)
                              ) : o.min !== undefined || o.max !== undefined ? (
                                <code>{`${o.min ?? "…"}–${o.max ?? "…"}`}</code>
                              ) : (
                                "—"
                              )}
                            </td>
                            <td>{o.default === undefined ? "—" : <code>{String(o.default)}</code>}</td>
                            <td>{o.description}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </section>
              );
            })}
        </section>
      ))}
    </div>
  );
}

async function ErrorsReference() {
  const t = await getTranslations("docs.ref");
  const table = await getTranslations("errorTable");
  return (
    <table data-testid="errors-reference">
      <thead>
        <tr>
          <th scope="col">{t("code")}</th>
          <th scope="col">{t("http")}</th>
          <th scope="col">{t("description")}</th>
          <th scope="col">{t("action")}</th>
        </tr>
      </thead>
      <tbody>
        {errorCodes().map((e) => (
          <tr key={e.code} id={`error-${e.code}`} data-code={e.code}>
            <td>
              <code>{e.code}</code>
            </td>
            <td>{e.status}</td>
            <td>{withCode(table.has(`${e.code}.description`) ? table(`${e.code}.description`) : e.description)}</td>
            <td>{withCode(table.has(`${e.code}.action`) ? table(`${e.code}.action`) : e.action)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function PlansTable() {
  const t = await getTranslations("docs.ref");
  const format = await getFormatter();
  const cell = (n: number | null, custom: boolean) => (n === null ? t("unlimited") : custom ? t("custom", { n: format.number(n) }) : format.number(n));
  return (
    <table data-testid="plans-table">
      <thead>
        <tr>
          <th scope="col">{t("plan")}</th>
          <th scope="col">{t("rpm")}</th>
          <th scope="col">{t("parallel")}</th>
          <th scope="col">{t("daily")}</th>
        </tr>
      </thead>
      <tbody>
        {PLAN_IDS.map((id) => {
          const { name, limits, custom } = PLANS[id];
          return (
            <tr key={id}>
              <td>
                {name} <code>{id}</code>
              </td>
              <td>{cell(limits.requestsPerMinute, custom)}</td>
              <td>{cell(limits.parallel, custom)}</td>
              <td>{cell(limits.daily, custom)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

async function SandboxTable() {
  const t = await getTranslations("docs.ref");
  const scenarios = await getTranslations("docs.sandbox");
  return (
    <table data-testid="sandbox-table">
      <thead>
        <tr>
          <th scope="col">{t("marker")}</th>
          <th scope="col">{t("outcome")}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(SANDBOX_SCENARIOS).map(([name, description]) => (
          <tr key={name} data-scenario={name}>
            <td>
              <code>{`[sandbox:${name}]`}</code>
            </td>
            <td>{withCode(scenarios.has(name) ? scenarios(name) : description)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PARTS: Record<GeneratedPartName, () => Promise<React.JSX.Element>> = {
  schema: SchemaReference,
  providers: ProvidersReference,
  errors: ErrorsReference,
  plans: PlansTable,
  sandbox: SandboxTable,
};

export function GeneratedPart({ name }: { name: string }) {
  if (!(GENERATED_PART_NAMES as readonly string[]).includes(name)) throw new Error(`docs: no generated part named ${name}`);
  const Part = PARTS[name as GeneratedPartName];
  return <Part />;
}
