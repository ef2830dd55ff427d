/** Shared by the dashboard pages. Numbers, dates and units are formatted per locale by components/i18n/format.ts. */

/** The machine code of a GraphQL error, so pages can say "not found" rather than echo a message. */
export function errorCode(error: { graphQLErrors: { extensions: Record<string, unknown> }[] } | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions.code;
  return typeof code === "string" ? code : undefined;
}
