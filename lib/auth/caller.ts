/** Who is calling a domain verb. Every query a verb makes is scoped by `accountId`. */
export interface Caller {
  accountId: string;
  /** The API key used, or null for the dashboard and system work. */
  apiKeyId: string | null;
}
