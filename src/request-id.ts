// Belvo's request id: what a user quotes to Belvo support. Error bodies carry it as `request_id`; responses without
// a body may carry it in a header.
const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];

/** The request id a response's headers carry; undefined when none does, or reading them throws (a look-alike's). */
export function requestIdOf(response: Response): string | undefined {
  try {
    for (const name of REQUEST_ID_HEADERS) {
      const value = response.headers.get(name);
      if (typeof value === "string" && value !== "") return value;
    }
  } catch {
    // a custom fetch's response: no request id is better than its error in place of ours
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
