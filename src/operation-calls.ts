// What the client takes from each operation's generated rules, worked out once at load: the body rules of the
// resume helpers, the fields that carry a single-use token, and a function naming a request as errors do.
import { operationRules, type OperationRules } from "../generated/operation-rules.js";
import type { ObjectRules } from "./input/check-input.js";

export const ownersRules = operationRules.completeOwnersRequest;
export const linkRules = operationRules.updateLinkCredentials;
export const ownersQueryRules: ObjectRules = { properties: ownersRules.query, required: [] };

/** The rules of a resume call's body: the fields the challenge and the token do not fill in. */
const withoutFields = (rules: OperationRules, fields: readonly string[]): ObjectRules => ({
  properties: Object.fromEntries(Object.entries(rules.body.properties).filter(([name]) => !fields.includes(name))),
  required: rules.body.required.filter((name) => !fields.includes(name)),
});
export const resumeOwnersRules = withoutFields(ownersRules, ["session", "link", "token"]);
export const resumeLinkRules = withoutFields(linkRules, ["token"]);

const singleUseFields = (rules: OperationRules) =>
  Object.keys(rules.body.properties).filter((field) => "singleUse" in rules.body.properties[field]!);
export const ownersSingleUse = singleUseFields(ownersRules);
export const linkSingleUse = singleUseFields(linkRules);

/** `METHOD /path` of an operation's request, its path parameters filled in as openapi-fetch encodes them. */
function labeller(rules: OperationRules): (path?: Readonly<Record<string, string>>) => string {
  const parts = rules.path.split(/\{([^}]+)\}/); // text, parameter name, text, parameter name, …, text
  return (path = {}) => {
    let label = `${rules.method} ${parts[0]}`;
    for (let i = 1; i < parts.length; i += 2) label += encodeURIComponent(path[parts[i]!]!) + parts[i + 1];
    return label;
  };
}
export const ownersLabel = labeller(ownersRules);
export const linkLabel = labeller(linkRules);
