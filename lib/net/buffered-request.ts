/**
 * A Request whose body the custom server has already read whole (lib/server/serve-node.ts, bodies up to 64 KB):
 * `text()`, `json()`, `arrayBuffer()` and `bytes()` decode those bytes directly. An ordinary Request wraps any body
 * in a web stream that `json()` then reads back chunk by chunk; for a GraphQL request that stream and its reading
 * cost about as much as the rest of building the Request (issue 22). Anything else that touches the body (`body`,
 * `blob()`, `formData()`, `clone()`) gets an ordinary Request made from the same bytes, so it behaves as one.
 */
export class BufferedRequest extends Request {
  #bytes: Uint8Array<ArrayBuffer>;
  #read = false;
  #ordinary: Request | undefined;

  constructor(url: string, init: RequestInit, bytes: Uint8Array<ArrayBuffer>) {
    super(url, { ...init, body: null });
    this.#bytes = bytes;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#asOrdinary().body;
  }

  override get bodyUsed(): boolean {
    return this.#ordinary ? this.#ordinary.bodyUsed : this.#read;
  }

  override text(): Promise<string> {
    return this.#ordinary ? this.#ordinary.text() : this.#take((bytes) => utf8.decode(bytes));
  }

  override json(): Promise<unknown> {
    return this.#ordinary ? this.#ordinary.json() : this.#take((bytes) => JSON.parse(utf8.decode(bytes)) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#ordinary ? this.#ordinary.arrayBuffer() : this.#take((bytes) => bytes.slice().buffer);
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#ordinary ? this.#ordinary.bytes() : this.#take((bytes) => bytes.slice());
  }

  override blob(): Promise<Blob> {
    return this.#asOrdinary().blob();
  }

  override formData(): Promise<FormData> {
    return this.#asOrdinary().formData();
  }

  override clone(): Request {
    return this.#asOrdinary().clone();
  }

  /** Reads the bytes once, as an ordinary body is read once ("Body is unusable" after, as undici says it). */
  #take<T>(decode: (bytes: Uint8Array<ArrayBuffer>) => T): Promise<T> {
    if (this.#read) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    this.#read = true;
    // In the executor, so that a decoding error (JSON's SyntaxError) rejects, as an ordinary body's does.
    return new Promise((resolve) => resolve(decode(this.#bytes)));
  }

  /** The ordinary Request with these bytes as its body (read already if they were). */
  #asOrdinary(): Request {
    if (!this.#ordinary) {
      this.#ordinary = new Request(this.url, { method: this.method, headers: this.headers, body: this.#bytes, signal: this.signal });
      if (this.#read) void this.#ordinary.arrayBuffer();
    }
    return this.#ordinary;
  }
}

/** undici's decoding of a body as text: UTF-8, a leading BOM dropped, malformed bytes replaced. */
const utf8 = new TextDecoder();
