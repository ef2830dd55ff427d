/**
 * The layer order of the code, checked by `npm run layers` (dependency-cruiser) in CI. A layer may import the
 * layers below it, never one above nor a neighbour on its own row, so lib/ has no folder cycles.
 *
 *   app/                  routes and pages (thin: parse, call one lib/ verb, map the result)
 *   components/           UI; may call lib/ verbs (server components) but never app/
 *   lib/server/           the API's routes, served by the custom server (server.mjs) and by app/'s route handlers;
 *                         start-server.ts, what instrumentation.ts runs: lib/boot.ts, then the API
 *   lib/boot.ts           the composition root: opens the database, starts the workers
 *   lib/graphql/          the API's presentation: schema, context, errors → extensions
 *   lib/openai/ lib/mcp/  the same verbs spoken as OpenAI's REST API (/v1) and as MCP tools (/mcp)
 *   lib/jobs/             the workers: in-process runner, Inngest functions, webhook dispatcher
 *   lib/retention/        how long media is kept: the purge, deleting a generation, exporting/deleting a workspace
 *   lib/generations/      the generation workflow and its verbs
 *   lib/events/           the event log (each state change, in its transaction; it queues the webhooks)
 *   lib/alerts/           low-balance and key-budget alerts (webhook outbox + mail), raised by an admission
 *   lib/webhooks/         the outbox and its deliveries
 *   lib/routing/          ranking providers, their health;  lib/uploads/  clients' input files
 *   lib/usage/ lib/keys/  usage analytics; API keys' own limits (they check provider ids against the catalog)
 *   lib/providers/        catalog, adapters, vendor fakes
 *   lib/billing/ lib/accounts/
 *   lib/auth/             callers, API keys, sessions, sign-up
 *   lib/teams/            workspaces' members, roles, invitations; the permission table
 *   lib/ops/              logging context, metrics, readiness
 *   lib/audit/            the append-only audit log of sensitive actions
 *   lib/dispatch/ lib/limits/ lib/mail/ lib/media/ lib/net/ lib/storage/   leaves: signals to workers, limits, plumbing
 *   lib/i18n/             the locales pages and mails are written in
 *   lib/invalidation/     telling every instance that something cached changed (Redis, LISTEN/NOTIFY, in-process)
 *   lib/db/               the database client and migrations
 *   lib/*.ts              env, log, errors, ids, redis… (and lib/generated/, Prisma's client)
 *
 * Work flows upwards only through lib/dispatch: domain code signals "there is work" there, and the workers in
 * lib/jobs register to hear it (lib/dispatch/local-workers.ts), so lib/jobs can import lib/generations without a
 * cycle. A new lib/ folder must be added to LIB_LAYERS, or the `lib-folder-in-a-layer` rule fails.
 */
const LIB_LAYERS = [
  // lib/server/start-server.ts starts lib/boot.ts and then the API it serves.
  ["server"],
  ["boot"],
  ["graphql", "openai", "mcp"],
  ["jobs"],
  ["retention"],
  ["generations"],
  ["events"],
  ["alerts"],
  ["webhooks"],
  ["routing", "uploads", "usage", "keys"],
  ["providers"],
  ["prices"],
  ["billing", "accounts"],
  ["auth"],
  ["teams"],
  ["ops"],
  ["audit"],
  ["dispatch", "limits", "mail", "media", "net", "storage"],
  ["i18n"],
  ["invalidation"],
  ["db"],
];
const ALL_FOLDERS = LIB_LAYERS.flat().filter((name) => name !== "boot");

/** `lib/<name>/…` for folders, `lib/boot.ts` for the root. */
const pathOf = (names) => `^lib/(${names.map((n) => (n === "boot" ? "boot\\.ts$" : `${n}/`)).join("|")})`;

// Each folder may import only the rows below its own: not a row above, and not a neighbour on its row. So the
// folders of lib/ form no cycle, however long.
const layerRules = LIB_LAYERS.flatMap((row, i) =>
  row.map((name) => {
    const forbidden = [...LIB_LAYERS.slice(0, i).flat(), ...row.filter((other) => other !== name)];
    return {
      name: `layer-${name}`,
      comment: `lib/${name} may import only the layers below it, not ${forbidden.join(", ")}`,
      severity: "error",
      from: { path: pathOf([name]) },
      to: { path: pathOf(forbidden) },
    };
  }),
).filter((rule) => rule.to.path !== "^lib/()");

module.exports = {
  forbidden: [
    {
      name: "lib-not-to-app-or-components",
      comment: "lib/ is the domain: nothing in it imports routes, pages or UI.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "base-files-are-leaves",
      comment: "lib/env.ts, log.ts, errors.ts, ids.ts… are the bottom layer: they import no lib/ folder (lib/boot.ts is the root).",
      severity: "error",
      from: { path: "^lib/[^/]+\\.ts$", pathNot: "^lib/boot\\.ts$" },
      to: { path: "^lib/[^/]+/", pathNot: "^lib/generated/" },
    },
    {
      name: "lib-folder-in-a-layer",
      comment: "Every lib/ folder has its place in LIB_LAYERS (.dependency-cruiser.cjs).",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^lib/[^/]+/", pathNot: `^lib/(${[...ALL_FOLDERS, "generated"].join("|")})/` },
    },
    {
      name: "no-circular",
      comment:
        "No module imports itself through others at run time (folder cycles, types included, are already ruled out by the layers; a cycle of `import type` between a folder's types and their users loads nothing).",
      severity: "error",
      from: { path: "^(lib|app|components)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    ...layerRules,
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/generated|node_modules|\\.next)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
