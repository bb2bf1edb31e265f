import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CLIENT_VERSION } from "../../src/version.js";
import { repoRoot } from "../helpers/project-copy.js";

describe("CLIENT_VERSION", () => {
  it("equals package.json's version (it goes into the User-Agent)", async () => {
    const { version } = JSON.parse(await readFile(`${repoRoot}/package.json`, "utf8"));
    expect(CLIENT_VERSION).toBe(version);
  });
});
