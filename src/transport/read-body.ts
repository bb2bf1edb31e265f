/**
 * Reads a whole response body as text, refusing one over `maxBodyBytes` (declared or as it arrives) with the error
 * `tooLarge` makes. A timeout or a connection lost while reading rejects here, for the transport to type.
 * Not an async function: the common case hands back the runtime's own promise, with no extra ticks.
 */
export function readBodyText(
  response: Response,
  maxBodyBytes: number,
  tooLarge: (reason: string) => Error,
): Promise<string> {
  if (!response.body) return Promise.resolve("");
  const length = response.headers.get("content-length");
  const declared = length === null ? undefined : Number(length);
  if (declared !== undefined && declared > maxBodyBytes) {
    response.body.cancel().catch(() => {}); // not awaited: under msw's interceptor it never settles
    return Promise.reject(tooLarge(`body of ${declared} bytes is over the ${maxBodyBytes}-byte limit`));
  }
  // A declared length within the limit, not compressed (decoded size unknown): the runtime's reader is the fast path.
  if (declared !== undefined && Number.isFinite(declared) && !response.headers.has("content-encoding"))
    return response.text();
  return readCounting(response.body, maxBodyBytes, tooLarge);
}

async function readCounting(
  body: ReadableStream<Uint8Array>,
  maxBodyBytes: number,
  tooLarge: (reason: string) => Error,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBodyBytes) {
      reader.cancel().catch(() => {}); // not awaited, as above
      throw tooLarge(`body is over the ${maxBodyBytes}-byte limit`);
    }
    text += decoder.decode(value, { stream: true });
  }
}
