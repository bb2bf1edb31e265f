// Belvo's request id: what a user quotes to Belvo support. Error bodies carry it as `request_id`; responses without
// a body may carry it in a header.
const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];

export function requestIdFromHeaders(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

export function requestIdFromErrors(errors: readonly unknown[]): string | undefined {
  for (const error of errors) {
    const id = (error as { request_id?: unknown } | null)?.request_id;
    if (typeof id === "string" && id !== "") return id;
  }
  return undefined;
}
