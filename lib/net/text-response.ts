/**
 * A Response that remembers the text it was made from. Yoga builds every JSON answer from a string (its
 * fetchAPI.Response, lib/graphql/yoga.ts); the custom server writes that string as it is (lib/server/serve-node.ts)
 * instead of reading it back out of the body stream it became, which cost about as much as building the Request.
 * The stream itself is made only when something asks for the body (Next's route handlers do): an ordinary
 * Response wraps a string in one at once, a third of what building a small answer cost (issue 22). Everything
 * else (headers, status, reading the body) sees an ordinary Response.
 */
export class TextResponse extends Response {
  #text: string | undefined;
  #ordinary: Response | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    // A status that takes no body refuses a string as before (the ordinary constructor throws).
    const lazy = typeof body === "string" && !NULL_BODY_STATUSES.has(init?.status ?? 200);
    super(lazy ? null : body, init);
    if (!lazy) return;
    this.#text = body;
    // What the ordinary constructor says of a string body that comes without a type.
    if (!this.headers.has("content-type")) this.headers.set("content-type", "text/plain;charset=UTF-8");
  }

  /** The text this was made from, while its body has not been read. */
  get unreadText(): string | undefined {
    return this.#ordinary === undefined ? this.#text : undefined;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#asOrdinary()?.body ?? super.body;
  }

  override get bodyUsed(): boolean {
    return this.#ordinary?.bodyUsed ?? super.bodyUsed;
  }

  override text(): Promise<string> {
    return this.#asOrdinary()?.text() ?? super.text();
  }

  override json(): Promise<unknown> {
    return this.#asOrdinary()?.json() ?? super.json();
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#asOrdinary()?.arrayBuffer() ?? super.arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#asOrdinary()?.bytes() ?? super.bytes();
  }

  override blob(): Promise<Blob> {
    return this.#asOrdinary()?.blob() ?? super.blob();
  }

  override formData(): Promise<FormData> {
    return this.#asOrdinary()?.formData() ?? super.formData();
  }

  override clone(): Response {
    return this.#asOrdinary()?.clone() ?? super.clone();
  }

  /** For a text body: an ordinary Response with it, made on first use, whose body this one's stands for; otherwise undefined. */
  #asOrdinary(): Response | undefined {
    if (this.#text === undefined) return undefined;
    this.#ordinary ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#ordinary;
  }
}

/** Statuses whose responses have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The text a TextResponse was made from, while its body has not been read; undefined for any other Response. */
export function unreadTextOf(response: Response): string | undefined {
  return response instanceof TextResponse ? response.unreadText : undefined;
}
