// Response bodies for the fake Belvo, built from the spec's own examples so they stay spec-shaped.
import bundledSpec from "../../generated/openapi.json" with { type: "json" };
import { operationRules } from "../../generated/operation-rules.js";
import type { BelvoError, Link, Owner } from "../../generated/schema.js";
import { resolveRef } from "../openapi/ref.js";
import type { OperationId } from "../operation-types.js";

const examples = bundledSpec.components.examples;

export type OwnerShape = "standard" | "individual-brazil" | "business-brazil";

/** The three owner shapes the live API returns, by a friendly name: the spec's own examples. */
export const OWNER_SHAPES: Readonly<Record<OwnerShape, readonly Owner[]>> = {
  standard: examples.OwnersStandard.value as Owner[],
  "individual-brazil": examples.OwnersIndividualBrazil.value as Owner[],
  "business-brazil": examples.OwnersBusinessBrazil.value as Owner[],
};

export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function ownersFor(linkId: string, shape: OwnerShape, now: Date): Owner[] {
  return OWNER_SHAPES[shape].map((owner) => ({
    ...owner,
    id: crypto.randomUUID(),
    link: linkId,
    collected_at: now.toISOString(),
    created_at: now.toISOString(),
  }));
}

export function linkBody(linkId: string, institution: string, now: Date): Link {
  return {
    ...(examples.LinkValid.value as Link),
    id: linkId,
    institution,
    status: "valid",
    last_accessed_at: now.toISOString(),
  };
}

export function errorBody(requestId: string, code: string, message: string, field?: string): BelvoError[] {
  return [{ code, message, request_id: requestId, ...(field ? { field } : {}) }];
}

/** A node of the bundled spec, its local `$ref` followed. */
const resolved = (node: unknown): any => resolveRef(bundledSpec, node);

/**
 * The answer the spec documents first for a success: the first 2xx status and the first of its named examples (or
 * its `example`); no body for a response without JSON content, such as a 204.
 */
export function documentedSuccess(operation: OperationId): { status: number; body: unknown } {
  const { method, path } = operationRules[operation];
  const responses = resolved((bundledSpec.paths as any)[path][method.toLowerCase()]).responses;
  const status = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  if (status === undefined) throw new Error(`${method} ${path} documents no 2xx response`);
  const media = resolved(responses[status])?.content?.["application/json"];
  if (media === undefined) return { status: Number(status), body: undefined };
  const example = media.examples ? resolved(Object.values(media.examples)[0]).value : media.example;
  return { status: Number(status), body: example };
}
