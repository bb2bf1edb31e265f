// Constants the source keeps instead of importing package.json (which would bundle it whole into the client).
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { MSW_PEER_RANGE } from "../../src/testing/msw-peer.js";
import { CLIENT_VERSION } from "../../src/version.js";
import { repoRoot } from "../helpers/project-copy.js";

const packageJson = async () => JSON.parse(await readFile(`${repoRoot}/package.json`, "utf8"));

describe("CLIENT_VERSION", () => {
  it("equals package.json's version (it goes into the User-Agent)", async () => {
    expect(CLIENT_VERSION).toBe((await packageJson()).version);
  });
});

describe("MSW_PEER_RANGE", () => {
  it("equals package.json's peerDependencies.msw (testing/msw names it when msw is missing)", async () => {
    expect(MSW_PEER_RANGE).toBe((await packageJson()).peerDependencies.msw);
  });
});
