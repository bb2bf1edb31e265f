// The types of the operation table (generated/operation-rules.ts): written here by hand, imported by the generator
// that writes the table, and copied into the table itself (which hands them on to src/) when it is generated.

/** The checks a client can make on one request value before sending it, as the spec states them. */
export interface FieldRule {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** The values allowed, where the spec lists them. */
  readonly enum?: readonly unknown[];
  /** A number's range (3.1's numeric `exclusiveMinimum`/`exclusiveMaximum`). */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  /** An array's length. */
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `format: password`: never echo the value (errors, logs). */
  readonly secret?: true;
  /** `x-single-use`: a one-time MFA token; a request carrying it is never re-sent. */
  readonly singleUse?: true;
  /** An array's rule for each of its items. */
  readonly items?: FieldRule;
  /** A query array sent as one comma-separated value (`style: form, explode: false`: `?link__in=a,b`). */
  readonly commaSeparated?: true;
}

/** The fields of a JSON object (a body, a query, headers) and which of them must be present. */
export interface ObjectRules {
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, FieldRule>>;
}

/** What the spec says about one operation: how to call it, the rules of its inputs, what each status carries. */
export interface OperationRules {
  readonly method: string;
  /** The path template; its `{name}`s are the path parameters, in the order a method takes them. */
  readonly path: string;
  /** The path parameters' rules, in the order of the path. */
  readonly pathParams: Readonly<Record<string, FieldRule>>;
  readonly query: ObjectRules;
  readonly header: ObjectRules;
  /** Whether the operation takes a JSON body, and whether it must be given. */
  readonly requestBody: "required" | "optional" | "none";
  /** The body's fields; for a `oneOf` body, every branch's (what reads fields by name: secrets, single-use tokens). */
  readonly body: ObjectRules;
  /** A `oneOf` body: the objects it may be, each checked whole; the body must keep one of them. */
  readonly bodyOneOf?: readonly ObjectRules[];
  /** Every documented status, with the JSON type of its body ("none" when it has no JSON body). */
  readonly responseBodyTypes: Readonly<Record<string, string>>;
}
