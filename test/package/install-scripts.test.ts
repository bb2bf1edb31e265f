// Every installed package with an install script has a decision in package.json's `allowScripts` (so npm 11's
// `npm ci` lists none as unreviewed), and the README says what each one does and why it runs or not.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

describe("install scripts", () => {
  const lock = JSON.parse(read("package-lock.json")) as {
    packages: Record<string, { hasInstallScript?: boolean }>;
  };
  const withScripts = [
    ...new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript)
        .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length)),
    ),
  ].sort();

  it("each has a decision in allowScripts, and allowScripts names no package that has none", () => {
    const { allowScripts } = JSON.parse(read("package.json")) as { allowScripts: Record<string, boolean> };
    expect(withScripts.length).toBeGreaterThan(0);
    expect(Object.keys(allowScripts).sort()).toEqual(withScripts);
  });

  it("each is explained in the README, as allowed or denied as package.json has it", () => {
    const { allowScripts } = JSON.parse(read("package.json")) as { allowScripts: Record<string, boolean> };
    const readme = read("README.md");
    for (const name of withScripts) {
      const line = new RegExp(`^- \`${name.replace(/[/.]/g, "\\$&")}\`[^\\n]* (runs|is denied)\\b`, "m").exec(readme);
      expect(line?.[1], name).toBe(allowScripts[name] ? "runs" : "is denied");
    }
  });
});
