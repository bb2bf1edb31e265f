// Data flows one way: spec → generated → src. What ships (src/, and generated/ which src/ imports) imports nothing
// from the build tooling (scripts/) or the tests: a relative import that leaves for them would pull them into the
// package and tie the runtime to the generator's code. Nor do its modules import each other in a circle.
import { describe, expect, it } from "vitest";
import { cycles, importGraph } from "../helpers/import-graph.js";

describe("the runtime's imports", () => {
  it("never reach scripts/ or test/ from src/ or generated/", async () => {
    const outside = [...(await importGraph("src", "generated"))].flatMap(([file, targets]) =>
      targets.filter((target) => /^(scripts|test)\//.test(target)).map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it("never import each other in a circle, in src/ and generated/", async () => {
    expect(cycles(await importGraph("src", "generated"))).toEqual([]);
  });
});
