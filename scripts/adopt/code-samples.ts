// The two code samples every operation of the spec has (a TypeScript call through the client, and curl), written for
// an adopted operation from its settled examples: the path parameters, the required query and header values and the
// first request example. test/docs/code-samples.test.ts type-checks the one and sends the other to the fake.
import type { PlannedOperation, SampleInput } from "./plan.js";

/** TypeScript: one call of the operation's method, its result unwrapped (an error answer throws BelvoApiError). */
export function typescriptSample(operation: PlannedOperation, summary: string): string {
  const { path, query, header, body } = operation.sampleInputs;
  const args = path.map((input) => JSON.stringify(input.value()));
  if (operation.hasBody) args.push(JSON.stringify(body?.value ?? {}));
  const options: string[] = [];
  if (query.length) options.push(`query: ${objectOf(query)}`);
  if (header.length) options.push(`header: ${objectOf(header)}`);
  if (options.length) args.push(`{ ${options.join(", ")} }`);
  return `import { createBelvoClient, unwrap } from "belvo-openapi-client";

const belvo = createBelvoClient({
  secretId: process.env.BELVO_SECRET_ID!,
  secretPassword: process.env.BELVO_SECRET_PASSWORD!,
  environment: "sandbox",
});

// ${summary}: ${operation.key}.
const result = await belvo.${operation.operationId}(${args.join(", ")});
// unwrap throws BelvoApiError for an error answer (with its code and request id).
console.log(result.response.status, unwrap(result));
`;
}

/** curl: the same request, its credentials from the environment. */
export function curlSample(operation: PlannedOperation, serverUrl: string): string {
  const { path, query, header, body } = operation.sampleInputs;
  let url = operation.path;
  for (const input of path) url = url.replace(`{${input.name}}`, encodeURIComponent(String(input.value())));
  const search = new URLSearchParams();
  for (const input of query) {
    const value = input.value();
    if (Array.isArray(value) && input.explode !== false)
      for (const item of value) search.append(input.name, String(item));
    else search.append(input.name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const lines = [
    `curl -X ${operation.method.toUpperCase()} ${quoted(`${serverUrl}${url}${search.size ? `?${search}` : ""}`)}`,
    `-u "$BELVO_SECRET_ID:$BELVO_SECRET_PASSWORD"`,
    ...header.map((input) => `-H ${quoted(`${input.name}: ${String(input.value())}`)}`),
  ];
  if (operation.hasBody) {
    // Single quotes keep the JSON as it is; a quote inside it goes as JSON's own escape.
    const json = JSON.stringify(body?.value ?? {}, null, 2).replace(/'/g, "\\u0027");
    lines.push(`-H "Content-Type: application/json"`, `-d '${json.replace(/\n/g, "\n  ")}'`);
  }
  return `${lines.join(" \\\n  ")}\n`;
}

function objectOf(inputs: SampleInput[]): string {
  return `{ ${inputs.map((input) => `${JSON.stringify(input.name)}: ${JSON.stringify(input.value())}`).join(", ")} }`;
}

/** A double-quoted shell word: `"`, `\`, `$` and backquotes escaped. */
function quoted(text: string): string {
  return `"${text.replace(/["\\$`]/g, "\\$&")}"`;
}
