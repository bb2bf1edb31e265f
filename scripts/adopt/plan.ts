// What `spec:adopt` writes for some of Belvo's operations, as this spec writes an operation: a path file per path,
// components as files (reused when ours has the same shape, renamed when a name is taken by another), our shared
// error responses with the codes Belvo documents, a named example per body (Belvo's, or generated: see sampling.ts)
// and code samples. Nothing is written here: the plan is data, adopt.ts writes it.
import { STATUS_CODES } from "node:http";
import { sample } from "openapi-sampler";
import { componentOf, HTTP_METHODS, listOperations, type OpenApiDocument } from "../openapi/document.js";
import { pathParameterNames, splitPathTemplate } from "../../src/openapi/path-template.js";
import { resolveRef } from "../../src/openapi/ref.js";
import { compareUpstream } from "../upstream/compare.js";
import { documentShapes, operationKey, schemaFacts, type Shape } from "../upstream/shapes.js";
import {
  camelCase,
  codeSampleName,
  hasRefKey,
  convertParameter,
  convertSchema,
  pascalCase,
  sentenceOf,
} from "./convert.js";
import { sampler } from "./sampling.js";

type Node = Record<string, any>;

/** A value the spec shows as an example, and how to make another if Belvo's does not validate. */
export interface ExampleSlot {
  /** The operation (`METHOD /path`) it was written for: refused if no valid example can be made. */
  operation: string;
  /** The file it is written in, and where in it (a JSON pointer; "" for a whole example file). */
  file: string;
  pointer: string;
  /** What it shows, for notes: `GET /api/accounts/ 200 (example ok)`. */
  label: string;
  /** Belvo's value, or undefined when Belvo gives none. */
  value: unknown;
  generated: boolean;
  /** A value made from the schema by openapi-sampler. */
  generate(attempt?: number): unknown;
  /** Which attempt the written value is (each rotates the oneOf branches the sampler takes first). */
  attempt: number;
  /** Writes `value` where the slot is; `note` says why it is a generated one (kept beside it where it can be). */
  set(value: unknown, note?: string): void;
  /** What every value of this slot becomes before it is written (a request's link: the one the spec's use). */
  transform?(value: unknown): unknown;
}

/** A parameter a code sample shows, with its example as it stands once adopt.ts has settled the examples. */
export interface SampleInput {
  name: string;
  value(): unknown;
  /** A query array's `explode` (false: one comma-separated value). */
  explode?: boolean;
}

export interface PlannedOperation {
  key: string;
  method: string;
  path: string;
  /** Belvo's operationId and ours. */
  theirs: string;
  operationId: string;
  file: string;
  /** The code samples' file name, without its extension. */
  codeSample: string;

  /** What a code sample shows: the path parameters, the required query and header values, and the body. */
  sampleInputs: { path: SampleInput[]; query: SampleInput[]; header: SampleInput[]; body?: ExampleSlot };
  hasBody: boolean;
}

export interface Plan {
  operations: PlannedOperation[];
  /** New files (spec-relative paths → their YAML value). */
  files: Map<string, Node>;
  /** Each new file → the operation (`METHOD /path`) it was first written for. */
  owners: Map<string, string>;
  /** Existing path files → the methods appended to them. */
  appends: Map<string, Node>;
  /** Paths and tags the root document gains. */
  rootPaths: Array<[string, string]>;
  rootTags: string[];
  examples: ExampleSlot[];
  notes: string[];
}

export interface PlanInput {
  /** Belvo's document, as read. */
  doc: Node;
  /** Our spec, bundled (its component names are its file names). */
  ours: OpenApiDocument;
  /** Our path → the spec file holding it (for paths the spec has). */
  pathFiles: Map<string, string>;
  /** Files that exist under spec/ (relative to the project root). */
  existing: Set<string>;
  selected: Array<{ method: string; path: string; operationId: string }>;
}

const SPEC = "spec";
const DIRS = {
  paths: `${SPEC}/paths`,
  schemas: `${SPEC}/components/schemas`,
  parameters: `${SPEC}/components/parameters`,
  responses: `${SPEC}/components/responses`,
  examples: `${SPEC}/components/examples`,
} as const;
type Dir = keyof typeof DIRS;

/** A `$ref` from a file in `from` to a component file in `to`. */
function relativeRef(from: Dir, to: Dir, name: string): string {
  if (from === to) return `${name}.yaml`;
  return from === "paths" ? `../components/${to}/${name}.yaml` : `../${to}/${name}.yaml`;
}

/**
 * Whether ours may stand for Belvo's: the same facts, or differences each explained by an `x-deviation` of ours on
 * the node that differs or above it (what spec:upstream accepts as a deviation).
 */
function standsFor(theirs: Shape, mine: Shape): boolean {
  const wrap = (schema: Shape) => ({ "": { parts: { "": { schema } } } });
  return compareUpstream(wrap(theirs), wrap(theirs), wrap(mine)).unexplained.length === 0;
}

/** Whether a parameter is the link id of a `/api/links/{id}/…` path. */
function isLinkId(apiPath: string, parameter: Node): boolean {
  return parameter.in === "path" && apiPath.startsWith(`/api/links/{${parameter.name}}/`);
}

/** The example of the spec's own `/api/links/{id}/` path parameter: the link its examples use. */
function linkIdOf(ours: OpenApiDocument): string | undefined {
  const linkPath = Object.keys(ours.paths ?? {}).find((p) => {
    const { literals } = splitPathTemplate(p);
    return literals.length === 2 && literals[0] === "/api/links/" && literals[1] === "/";
  });
  if (!linkPath) return undefined;
  const entry = listOperations(ours).find((e) => e.path === linkPath);
  const example = entry?.parameters.find((p) => p.in === "path")?.example;
  return typeof example === "string" ? example : undefined;
}

/** A shape's facts as one string, whatever its components are called. */
function factsKey(shape: Shape): string {
  return JSON.stringify(shape, (key, value) => (key === "name" ? undefined : value));
}

/** The path's file name: `/api/links/{id}/` → `api_links_{id}`. */
function pathFileName(apiPath: string): string {
  return apiPath.replace(/^\/+|\/+$/g, "").replace(/\//g, "_");
}

export function planAdoption({ doc, ours, pathFiles, existing, selected }: PlanInput): Plan {
  const withNotes = { fileOf: () => "" }; // our facts with their x-deviation notes
  const components = (doc.components ?? {}) as Node;
  const ourComponents = (ours.components ?? {}) as Node;
  const plan: Plan = {
    operations: [],
    files: new Map(),
    owners: new Map(),
    appends: new Map(),
    rootPaths: [],
    rootTags: [],
    examples: [],
    notes: [],
  };
  // Names taken, per kind, case-insensitively (openapi-typescript capitalises schema names; file systems may fold).
  const taken = (dir: Dir) => {
    const names = new Set(Object.keys(ourComponents[dir] ?? {}).map((name) => name.toLowerCase()));
    for (const file of [...existing, ...plan.files.keys()]) {
      if (file.startsWith(`${DIRS[dir]}/`)) names.add(file.slice(DIRS[dir].length + 1, -5).toLowerCase());
    }
    return names;
  };
  const freeName = (dir: Dir, wanted: string) => {
    const names = taken(dir);
    let name = wanted;
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
    return name;
  };
  const resolve = (node: unknown): Node => resolveRef(doc, node);

  // Schemas: Belvo's component name → ours.
  const schemaNames = new Map<string, string>();
  const schemaRef =
    (from: Dir) =>
    (kind: string, name: string): string => {
      if (kind !== "schemas") throw new Error(`a schema refers to #/components/${kind}/${name}, not a schema`);
      return relativeRef(from, "schemas", adoptSchema(name));
    };
  function adoptSchema(name: string): string {
    const known = schemaNames.get(name);
    if (known) return known;
    const wanted = pascalCase(name) || "Schema"; // a name of no ASCII letter or digit (`日本`)
    const schema = components.schemas?.[name];
    if (schema === undefined) throw new Error(`$ref points nowhere: #/components/schemas/${name}`);
    const theirs = schemaFacts(doc, { $ref: `#/components/schemas/${name}` });
    const mine = ourSchemaStandingFor(wanted, theirs);
    if (mine) {
      schemaNames.set(name, mine);
      if (mine !== wanted) plan.notes.push(`schema ${name} is the spec's ${mine}: the same shape`);
      return mine;
    }
    const ourName = freeName("schemas", wanted);
    schemaNames.set(name, ourName);
    if (ourName !== wanted)
      plan.notes.push(`schema ${name} is written as ${ourName}: the spec's ${wanted} has another shape`);
    claim(`${DIRS.schemas}/${ourName}.yaml`, {}); // claimed before converting: schemas refer to themselves
    claim(`${DIRS.schemas}/${ourName}.yaml`, convertSchema(schema, schemaRef("schemas")) as Node);
    return ourName;
  }

  /**
   * The spec's schema that may stand for Belvo's: one of its name or of a name adopt gave it before (`Link2`) that
   * stands for it (the same facts, or differences its notes explain), or one of any name with the same facts and
   * properties. Not a scalar of another name: spec:upstream knows a union's branch without properties by its name
   * alone (`AccountId` is not `CustomerIdPaymentWidget`, though both are uuid strings).
   */
  let ourFacts: Map<string, string> | undefined; // facts → the spec's schema that has them
  function ourSchemaStandingFor(wanted: string, theirs: Shape): string | undefined {
    const ourSchemas = (ourComponents.schemas ?? {}) as Node;
    for (let n = 1, name = wanted; ourSchemas[name] !== undefined; name = `${wanted}${++n}`) {
      if (standsFor(theirs, schemaFacts(ours, { $ref: `#/components/schemas/${name}` }, withNotes))) return name;
    }
    if (theirs.properties === undefined) return undefined;
    ourFacts ??= new Map(
      Object.keys(ourSchemas).map((name) => [
        factsKey(schemaFacts(ours, { $ref: `#/components/schemas/${name}` })),
        name,
      ]),
    );
    return ourFacts.get(factsKey(theirs));
  }

  // Parameters given as components: Belvo's name → ours (reused when ours has the same facts).
  const parameterNames = new Map<string, string>();
  const sameParameter = (theirs: Node, mine: Node) =>
    ["in", "name", "style", "explode"].every((key) => theirs[key] === mine[key]) &&
    (theirs.required === true) === (mine.required === true) &&
    standsFor(schemaFacts(doc, theirs.schema ?? {}), {
      ...schemaFacts(ours, mine.schema ?? {}, withNotes),
      ...(typeof mine["x-deviation"] === "string" ? { deviation: mine["x-deviation"] } : {}),
    });

  // Error responses: `<status> <codes>` → the component that has them.
  const errorResponses = new Map<string, string>();
  const ourShapes = documentShapes(ours as Node, { ours: withNotes });
  for (const [key, shape] of Object.entries(ourShapes)) {
    const [method, apiPath] = key.split(" ") as [string, string];
    const item = resolveRef<Node>(ours, (ours.paths as Node)[apiPath]);
    for (const [part, facts] of Object.entries(shape.parts)) {
      const status = part.startsWith("response ") ? part.slice(9) : undefined;
      const ref = status && item[method.toLowerCase()]?.responses?.[status]?.$ref;
      if (facts.codes && typeof ref === "string") errorResponses.set(`${status} ${facts.codes}`, componentOf(ref)[1]);
    }
  }
  const belvoError = ourComponents.schemas?.BelvoError as Node | undefined;
  if (!belvoError) throw new Error("the spec has no components.schemas.BelvoError, the error responses' items");

  // Every example of the spec uses one link, which the fake Belvo has: a request's link is that one, so that an
  // adopted operation's examples and code samples run against the fake.
  const ourLinkId = linkIdOf(ours);
  const toOurLink = ourLinkId ? () => ourLinkId : undefined;
  const withOurLink = (value: unknown): unknown =>
    ourLinkId && typeof value === "object" && value !== null && typeof (value as Node).link === "string"
      ? { ...(value as Node), link: ourLinkId }
      : value;

  let operationKeyNow = ""; // the operation being planned, which each file and example slot belongs to
  const claim = (file: string, value: Node) => {
    plan.files.set(file, value);
    if (!plan.owners.has(file)) plan.owners.set(file, operationKeyNow);
  };
  const slot = (init: Omit<ExampleSlot, "generated" | "operation" | "attempt">): ExampleSlot => {
    const made: ExampleSlot = {
      ...init,
      value: init.transform && init.value !== undefined ? init.transform(init.value) : init.value,
      operation: operationKeyNow,
      generated: false,
      attempt: 0,
      set(given, note) {
        const value = init.transform ? init.transform(given) : given;
        made.value = value;
        init.set(value, note);
      },
    };
    if (init.transform && made.value !== undefined) init.set(made.value); // written as it is transformed
    plan.examples.push(made);
    return made;
  };
  const generator = sampler(doc);
  /** Response headers as ours are written: each one's schema converted (refs as seen from a file in `from`). */
  const convertHeaders = (headers: Node, from: Dir): Node =>
    Object.fromEntries(
      Object.entries<Node>(headers).map(([name, header]) => {
        const { schema, required, content } = resolve(header);
        if (content) throw new Error(`its response header ${name} is given as content, which the spec cannot describe`);
        const converted = convertSchema(schema ?? {}, schemaRef(from));
        return [name, { ...(required ? { required } : {}), schema: converted }];
      }),
    );
  /** Named examples of a body: Belvo's (media `examples`, or its `example`), or one to generate. */
  const namedExamples = (media: Node | undefined): Array<[string, unknown]> => {
    const named = Object.entries<Node>(media?.examples ?? {}).map(
      ([key, example]) => [key, resolve(example).value] as [string, unknown],
    );
    const given = named.filter(([, value]) => value !== undefined);
    return given.length ? given : [["example", media?.example]];
  };
  /** The document's example, unless it has a `$ref` key somewhere, which a bundler would follow (to any file). */
  const usable = (value: unknown, label: string): unknown => {
    if (!hasRefKey(value)) return value;
    plan.notes.push(`${label}: the document's example has a $ref key, which a bundler would follow: not used`);
    return undefined;
  };
  /** Writes an example file per named example and gives the media type's `examples` map. */
  const exampleFiles = (
    prefix: string,
    label: string,
    media: Node | undefined,
    generate: () => unknown,
    from: Dir,
    request = false,
  ): Node => {
    const map: Node = {};
    for (const [key, given] of namedExamples(media)) {
      const value = usable(given, `${label} example ${JSON.stringify(key)}`);
      const name = freeName("examples", `${prefix}${pascalCase(key) || "Example"}`);
      const file = `${DIRS.examples}/${name}.yaml`;
      const example: Node = { summary: `${label}: Belvo's example ${JSON.stringify(key)}`, value };
      claim(file, example);
      let mapKey = camelCase(key) || "example"; // two keys of Belvo's may read alike (`a-b`, `a_b`): each its own
      for (let n = 2; map[mapKey] !== undefined; n++) mapKey = `${camelCase(key) || "example"}${n}`;
      map[mapKey] = { $ref: relativeRef(from, "examples", name) };
      slot({
        file,
        pointer: "",
        label: `${label} example ${JSON.stringify(key)}`,
        value,
        generate,
        ...(request ? { transform: withOurLink } : {}),
        set(next, note) {
          example.value = next;
          if (note) {
            example.summary = `${label}: generated from the schema`;
            example.description = note;
          }
        },
      });
    }
    return map;
  };

  const newPathFiles = new Map<string, string>(); // a path the spec lacks → its new file
  const sampleNames = new Set(existing); // code-sample files, taken
  for (const { method, path: apiPath, operationId: theirs } of selected) {
    const key = `${method.toUpperCase()} ${apiPath}`;
    operationKeyNow = key;
    const item = resolve(doc.paths[apiPath]);
    const operation = item[method] as Node;
    const operationId = camelCase(theirs);
    const prefix = pascalCase(operationId);
    const known = pathFiles.get(apiPath);
    // A new path's file; two paths may read alike (`/api/a_b/`, `/api/a/b/`): each gets its own.
    let file = known ?? newPathFiles.get(apiPath);
    if (file === undefined) {
      const taken = new Set([...existing, ...plan.files.keys()]);
      file = `${DIRS.paths}/${pathFileName(apiPath)}.yaml`;
      for (let n = 2; taken.has(file); n++) file = `${DIRS.paths}/${pathFileName(apiPath)}_${n}.yaml`;
      newPathFiles.set(apiPath, file);
    }
    const inputs: PlannedOperation["sampleInputs"] = { path: [], query: [], header: [] };

    const written: Node = { operationId, tags: [...(operation.tags ?? [])] };
    written.summary = sentenceOf(theirs);
    written.description =
      `\`${key}\`, as Belvo's document ${doc.info.version} describes it (\`${theirs}\`): written by ` +
      "`npm run spec:adopt`, which keeps its shapes and none of its prose. Describe it in your own words here.";
    if (operation.deprecated === true) written.deprecated = true;

    const parameters: Node[] = [];
    const byKey = new Map<string, Node>();
    for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      const resolved = resolve(parameter);
      byKey.set(`${resolved.in} ${resolved.name}`, parameter);
    }
    for (const parameter of byKey.values()) {
      const resolved = { ...resolve(parameter) };
      // OpenAPI's defaults, written out: our lint asks every array parameter for them.
      if (resolve(resolved.schema ?? {}).type === "array") {
        resolved.style ??= resolved.in === "query" || resolved.in === "cookie" ? "form" : "simple";
        resolved.explode ??= resolved.style === "form";
      }
      const givenExample = resolved.example ?? resolve(resolved.schema ?? {}).example;
      const belvoExample = usable(givenExample, `${key} parameter ${resolved.name}`);
      const generate = generator(resolved.schema);
      let target: { file: string; pointer: string; node: Node };
      if (typeof parameter.$ref === "string") {
        const name = componentOf(parameter.$ref)[1];
        let ourName = parameterNames.get(name);
        const wanted = camelCase(name);
        // The spec's parameter of that name, or of a name adopt gave it before (`omit2`), where it stands for Belvo's.
        const ourParameters = (ourComponents.parameters ?? {}) as Node;
        for (let n = 1, mine = wanted; !ourName && ourParameters[mine] !== undefined; mine = `${wanted}${++n}`) {
          if (sameParameter(resolved, ourParameters[mine])) ourName = mine;
        }
        if (!ourName) {
          ourName = freeName("parameters", wanted);
          const node = convertParameter(resolved, schemaRef("parameters"), belvoExample);
          claim(`${DIRS.parameters}/${ourName}.yaml`, node);
          slot({
            file: `${DIRS.parameters}/${ourName}.yaml`,
            pointer: "/example",
            label: `parameter ${resolved.name}`,
            value: belvoExample,
            generate,
            ...(resolved.in === "query" && resolved.name === "link" ? { transform: toOurLink } : {}),
            set: (value) => void (node.example = value),
          });
        }
        parameterNames.set(name, ourName);
        parameters.push({ $ref: relativeRef("paths", "parameters", ourName) });
        const node = plan.files.get(`${DIRS.parameters}/${ourName}.yaml`) ?? ourParameters[ourName];
        target = { file: `${DIRS.parameters}/${ourName}.yaml`, pointer: "/example", node };
      } else {
        const node = convertParameter(resolved, schemaRef("paths"), belvoExample);
        const pointer = `/${method}/parameters/${parameters.length}/example`;
        parameters.push(node);
        target = { file, pointer, node };
        slot({
          file,
          pointer,
          label: `${key} parameter ${resolved.name}`,
          value: belvoExample,
          generate,
          ...(isLinkId(apiPath, resolved) || (resolved.in === "query" && resolved.name === "link")
            ? { transform: toOurLink }
            : {}),
          set: (value) => void (node.example = value),
        });
      }
      // A code sample shows the path parameters and the required query and header values.
      if (resolved.in === "path" || (resolved.required === true && ["query", "header"].includes(resolved.in))) {
        const shown = plan.examples.find((s) => s.file === target.file && s.pointer === target.pointer);
        const value = shown ? () => shown.value : () => target.node.example;
        inputs[resolved.in as "path" | "query" | "header"].push({
          name: resolved.name,
          value,
          explode: resolved.explode,
        });
      }
    }
    if (parameters.length) written.parameters = parameters;

    // Two operationIds may read alike in kebab case (`getAB`, `getAb`): each sample its own file.
    const sampleName = codeSampleName(operationId, method, apiPath);
    let codeSample = sampleName;
    for (let n = 2; sampleNames.has(`spec/code-samples/${codeSample}.ts`); n++) codeSample = `${sampleName}-${n}`;
    sampleNames.add(`spec/code-samples/${codeSample}.ts`);
    written["x-codeSamples"] = [
      { lang: "TypeScript", label: "TypeScript", source: { $ref: `../code-samples/${codeSample}.ts` } },
      { lang: "cURL", label: "curl", source: { $ref: `../code-samples/${codeSample}.sh` } },
    ];

    let hasBody = false;
    if (operation.requestBody) {
      const body = resolve(operation.requestBody);
      const media = body.content?.["application/json"] as Node | undefined;
      hasBody = true;
      const content: Node = {};
      for (const [type, each] of Object.entries<Node>(body.content ?? {})) {
        content[type] = { schema: convertSchema(each.schema ?? {}, schemaRef("paths")) };
      }
      if (media) {
        const examples = exampleFiles(
          `${prefix}Request`,
          `${key} request`,
          media,
          generator(media.schema, { skipReadOnly: true }),
          "paths",
          true,
        );
        content["application/json"].examples = examples;
        inputs.body = plan.examples.at(-Object.keys(examples).length); // the first of them
      }
      written.requestBody = { ...(body.required === true ? { required: true } : {}), content };
    }

    const codesByStatus = Object.fromEntries(
      Object.entries(documentShapes(doc, { only: new Map([[operationKey(method, apiPath), key]]) })[key]?.parts ?? {})
        .filter(([part]) => part.startsWith("response "))
        .map(([part, facts]) => [part.slice(9), facts.codes ?? []]),
    );
    const responses: Node = {};
    for (const [status, responseOrRef] of Object.entries<Node>(operation.responses ?? {})) {
      const response = resolve(responseOrRef);
      const reason = STATUS_CODES[Number(status)] ?? `Status ${status}`;
      if (/^[45]/.test(status)) {
        const codes: string[] = codesByStatus[status] ?? [];
        if (codes.length === 0) throw new Error(`its ${status} response documents no error code`);
        // Headers (Belvo's idempotency headers on a 409) make a response of its own: the shared ones have none.
        const headers = response.headers ? convertHeaders(response.headers, "responses") : undefined;
        const sharedKey = `${status} ${codes}${headers ? ` ${JSON.stringify(headers)}` : ""}`;
        const found = errorResponses.get(sharedKey);
        if (found) {
          responses[status] = { $ref: relativeRef("paths", "responses", found) };
          continue;
        }
        const name = freeName(
          "responses",
          taken("responses").has(pascalCase(reason).toLowerCase())
            ? `${pascalCase(reason)}${prefix}`
            : pascalCase(reason),
        );
        errorResponses.set(sharedKey, name);
        const media = response.content?.["application/json"] as Node | undefined;
        // Ours: an array of BelvoError, with the response's first documented code.
        const errorSample = () => [
          { ...(sample(belvoError as never, { quiet: true } as never) as Node), code: codes[0] },
        ];
        claim(`${DIRS.responses}/${name}.yaml`, {
          description: `${reason}. Documented codes: ${codes.map((code) => `\`${code}\``).join(", ")}.`,
          "x-error-codes": codes,
          ...(headers ? { headers } : {}),
          content: {
            "application/json": {
              schema: { type: "array", items: { $ref: relativeRef("responses", "schemas", "BelvoError") } },
              examples: exampleFiles(
                name,
                `${status} ${reason} (${codes.join(", ")})`,
                media,
                errorSample,
                "responses",
              ),
            },
          },
        });
        responses[status] = { $ref: relativeRef("paths", "responses", name) };
        continue;
      }
      const written: Node = { description: `${reason}.` };
      if (response.headers) written.headers = convertHeaders(response.headers, "paths");
      if (response.content) {
        written.content = {};
        for (const [type, media] of Object.entries<Node>(response.content)) {
          written.content[type] = { schema: convertSchema(media.schema ?? {}, schemaRef("paths")) };
          if (type !== "application/json") continue;
          written.content[type].examples = exampleFiles(
            `${prefix}${status}`,
            `${key} ${status}`,
            media,
            generator(media.schema, { skipWriteOnly: true }),
            "paths",
          );
        }
      }
      responses[status] = written;
    }
    if (responses["500"] === undefined) {
      // Our lint asks every operation for its 500; Belvo answers 500 to any request it fails on.
      const found = [...errorResponses].find(([statusAndCodes]) => statusAndCodes.startsWith("500 "));
      if (!found) throw new Error("it documents no 500, and the spec has no shared 500 response to give it");
      responses["500"] = { $ref: relativeRef("paths", "responses", found[1]) };
      written["x-deviation"] =
        "Belvo's document lists no 500 for this operation, and one for every other: the spec's shared 500 is " +
        "added, as Belvo answers 500 to any request it fails on (spec:adopt).";
    }
    written.responses = responses;

    if (known) (plan.appends.get(file) ?? plan.appends.set(file, {}).get(file)!)[method] = written;
    else {
      if (!plan.files.has(file)) {
        claim(file, {});
        plan.rootPaths.push([apiPath, file.slice(`${SPEC}/`.length)]);
      }
      plan.files.get(file)![method] = written;
    }
    for (const tag of written.tags as string[]) {
      const ourTags = ((ours.tags ?? []) as Node[]).map((t) => t.name);
      if (!ourTags.includes(tag) && !plan.rootTags.includes(tag)) plan.rootTags.push(tag);
    }
    if (pathParameterNames(apiPath).length !== inputs.path.length) {
      throw new Error(`its path template and its path parameters differ`);
    }
    // The method takes path parameters in the template's order, whatever order Belvo lists them in.
    const order = pathParameterNames(apiPath);
    inputs.path.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    plan.operations.push({
      key,
      method,
      path: apiPath,
      theirs,
      operationId,
      file,
      codeSample,
      sampleInputs: inputs,
      hasBody,
    });
  }
  // Methods of a new path file in the order OpenAPI lists them.
  for (const [file, item] of plan.files) {
    if (!file.startsWith(`${DIRS.paths}/`)) continue;
    plan.files.set(file, Object.fromEntries(HTTP_METHODS.filter((m) => item[m]).map((m) => [m, item[m]])));
  }
  return plan;
}
