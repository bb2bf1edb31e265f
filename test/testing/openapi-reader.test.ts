// The OpenAPI reader the fake Belvo, the scripts and the test helpers share (src/openapi/): local `$ref`s followed,
// and path templates split into their literal text and parameter names.
import { describe, expect, it } from "vitest";
import { splitPathTemplate, pathParameterNames } from "../../src/openapi/path-template.js";
import { followRef, refPointer, RefError, resolveRef } from "../../src/openapi/ref.js";

const doc = {
  components: {
    schemas: { Link: { type: "object" }, Alias: { $ref: "#/components/schemas/Link" }, "a/b~c d": { type: "string" } },
    parameters: { Loop: { $ref: "#/components/parameters/Loop" } },
  },
};

describe("a local $ref", () => {
  it("reads as the keys of its pointer, each unescaped (~1, ~0, then percent-encoding)", () => {
    expect(refPointer("#/components/schemas/Link")).toEqual(["components", "schemas", "Link"]);
    expect(refPointer("#/components/schemas/a~1b~0c%20d")).toEqual(["components", "schemas", "a/b~c d"]);
  });

  it("is followed to the node it stands for, through other $refs, with the pointer of the last one", () => {
    expect(followRef(doc, { $ref: "#/components/schemas/Alias" })).toEqual({
      node: { type: "object" },
      pointer: ["components", "schemas", "Link"],
    });
    expect(resolveRef(doc, { $ref: "#/components/schemas/a~1b~0c%20d" })).toEqual({ type: "string" });
  });

  it("leaves a node that is no reference as it is, with no pointer", () => {
    const node = { type: "integer" };
    expect(followRef(doc, node)).toEqual({ node, pointer: undefined });
    expect(resolveRef(doc, undefined)).toBeUndefined();
    expect(resolveRef(doc, null)).toBeNull();
  });

  it("refuses, naming it, a $ref that is not local, is circular or points nowhere", () => {
    expect(() => resolveRef(doc, { $ref: "other.yaml#/Link" })).toThrow(
      new RefError("not a local $ref: other.yaml#/Link"),
    );
    expect(() => resolveRef(doc, { $ref: "#/components/parameters/Loop" })).toThrow(
      new RefError("circular $ref: #/components/parameters/Loop"),
    );
    expect(() => resolveRef(doc, { $ref: "#/components/schemas/None" })).toThrow(
      new RefError("$ref points nowhere: #/components/schemas/None"),
    );
    // What every object inherits is not in the document, and a broken escape is a RefError, not a URIError.
    for (const ref of ["#/components/schemas/constructor", "#/components/__proto__", "#/components/schemas/toString"]) {
      expect(() => resolveRef(doc, { $ref: ref })).toThrow(new RefError(`$ref points nowhere: ${ref}`));
    }
    expect(() => resolveRef(doc, { $ref: "#/components/schemas/%ZZ" })).toThrow(
      new RefError("not a valid $ref: #/components/schemas/%ZZ"),
    );
  });
});

describe("a path template", () => {
  it("splits into its literal text and, between, its parameters' names", () => {
    expect(splitPathTemplate("/api/links/{id}/")).toEqual({ literals: ["/api/links/", "/"], names: ["id"] });
    expect(splitPathTemplate("/a/{x}/b/{y}")).toEqual({ literals: ["/a/", "/b/", ""], names: ["x", "y"] });
    expect(splitPathTemplate("/api/owners/")).toEqual({ literals: ["/api/owners/"], names: [] });
    expect(pathParameterNames("/api/links/{link_id}/{id}/")).toEqual(["link_id", "id"]);
  });
});
