// The published docs page, opened from a loopback server in real headless Chromium (the build `npm ci` installs with
// the @sparticuz/chromium package, driven by playwright-core): both operations, the 428 with its token_generation_data,
// the owner schemas and both code samples render, the page makes no request off 127.0.0.1 and logs no error (no
// telemetry). A screenshot goes to .tmp/screenshots/ (git-ignored).
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs, DOCS_TITLE } from "../../scripts/docs/build-docs.js";
import { CHROMIUM_FLAGS, chromiumExecutable } from "../helpers/chromium.js";
import { operations } from "../helpers/spec-validator.js";
import { repoRoot } from "../helpers/project-copy.js";
import { spec } from "../helpers/spec-validator.js";
import packageJson from "../../package.json" with { type: "json" };

let server: Server;
let browser: Browser;
let page: Page;
let outputDir: string;
let baseUrl: string;
const requested: string[] = [];
/** Console errors and warnings, and uncaught page errors (a request the page's CSP blocks shows up only here). */
const consoleProblems: string[] = [];

beforeAll(async () => {
  outputDir = path.join(tmpdir(), `belvo-docs-${process.pid}`);
  const html = await readFile(await buildDocs(path.join(outputDir, "index.html")));
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: CHROMIUM_FLAGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("request", (request) => void requested.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") consoleProblems.push(message.text());
  });
  page.on("pageerror", (error) => void consoleProblems.push(error.message));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  await page.goto(baseUrl);
  await page.getByText("Owners").first().waitFor();
}, 120_000); // the first run also unpacks the browser

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(outputDir, { recursive: true, force: true });
});

const bodyText = () => page.evaluate(() => document.body.innerText);

/**
 * Loads the page afresh at a link (a hash, or none), so that no response tab or menu is left open by an earlier test:
 * the address is changed in place and the page reloaded, one load (going to the page's own address from a link with a
 * hash, then reloading, would load it twice).
 */
async function freshPage(hash = ""): Promise<void> {
  await page.evaluate((url) => history.replaceState(null, "", url), `${baseUrl}${hash}`);
  await page.reload();
}

/** Opens one operation the way a reader does, by its link (Redoc shows one tag's operations at a time). */
async function openOperation(hash: string, summary: string): Promise<void> {
  await freshPage(hash);
  await page.getByText(summary).first().waitFor();
}

/** Clicks a response status in the middle panel (the first of the two status lists). */
async function showResponse(status: string): Promise<void> {
  await page
    .locator("button", { hasText: new RegExp(`^${status}$`) })
    .first()
    .click();
}

/** Switches the request panel's code sample from one tab to another, by its menu. */
async function chooseSampleTab(from: string, to: string, scope: Page | Locator = page): Promise<void> {
  await scope.getByRole("button", { name: from, exact: true }).first().click();
  await page.getByRole("menuitem", { name: to, exact: true }).click();
}

/** The code sample the request panel shows: its highlighting language and its text. */
async function shownSample(scope: Page | Locator = page): Promise<{ language: string | null; text: string }> {
  const code = scope.locator('pre[data-testid="source-code"] code').first();
  return { language: await code.getAttribute("data-language"), text: (await code.innerText()).trimEnd() };
}

/**
 * The page's part for one operation: the innermost element holding its summary and a code sample (two operations
 * on one path, such as POST and PATCH /api/owners/, share a page).
 */
function operationSection(summary: string): Locator {
  return page
    .locator("div")
    .filter({ has: page.getByText(summary, { exact: true }) })
    .filter({ has: page.locator('pre[data-testid="source-code"]') })
    .last();
}

describe("docs/index.html in Chromium", () => {
  it("is titled for this project and shows the servers and basic auth", async () => {
    expect(await page.title()).toBe(DOCS_TITLE);
    const text = await bodyText();
    expect(text).toContain("https://sandbox.belvo.com");
    expect(text).toContain("https://api.belvo.com");
  });

  it("renders every operation of the spec at its own link, with method and path", async () => {
    // One fresh page, then each operation's link followed in it, as a reader following links does.
    await freshPage();
    for (const { method, path: route, operation } of operations()) {
      // Redoc's link: the tag and the operationId lowercased, the tag's spaces as hyphens.
      const tag = operation.tags[0].toLowerCase().replaceAll(" ", "-");
      await page.goto(`${baseUrl}#/${tag}/${operation.operationId.toLowerCase()}`);
      // Its method and path, once Redoc has rendered it (the summary shows in the menu first, when the tag has several).
      const endpoint = `${method.toUpperCase()}${route}`;
      await page
        .waitForFunction((text) => document.body.innerText.replace(/\s/g, "").includes(text), endpoint)
        .catch(() => {}); // the assertion below says what is missing
      const text = await bodyText();
      expect(text.replace(/\s/g, "")).toContain(endpoint);
      expect(text).toContain(operation.summary);
    }
  });

  it("renders the 428 response with its session, expiry and token_generation_data", async () => {
    await openOperation("#/owners/completeownersrequest", "Complete an owners request");
    await showResponse("428");
    await page.getByText("The ID of the paused login session").first().waitFor();
    const text = await bodyText();
    expect(text).toContain("token_generation_data");
    expect(text).toContain("Details on how the end user generates the token.");
    expect(text).toContain("How long the session stays open, in seconds from this response.");
  });

  it("renders the owners 201 body as any of the three owner schemas", async () => {
    await openOperation("#/owners/completeownersrequest", "Complete an owners request");
    await showResponse("201");
    await page.getByText("The owners, persisted in Belvo").first().waitFor();
    await page
      .locator("button", { hasText: /^OwnerStandard$/ })
      .first()
      .click();
    await page.getByRole("menuitem", { name: "OwnerBusinessOpenFinanceBrazil" }).waitFor();
    const options = await page.getByRole("menuitem").allInnerTexts();
    expect(options).toEqual(["OwnerStandard", "OwnerIndividualOpenFinanceBrazil", "OwnerBusinessOpenFinanceBrazil"]);
    await page.keyboard.press("Escape");
  });

  it("shows both code samples of each operation beside the request, exactly as their files, TypeScript first", async () => {
    await freshPage();
    for (const [hash, summary, sampleFile] of [
      ["#/links/updatelinkcredentials", "Update a link's credentials", "update-link-credentials"],
      ["#/owners/retrieveowners", "Retrieve the owners of a link", "retrieve-owners"],
      ["#/owners/completeownersrequest", "Complete an owners request", "complete-owners-request"],
    ] as const) {
      // Each operation's link followed in one page: Redoc keeps the reader's sample tab across them (see below).
      await page.goto(`${baseUrl}${hash}`);
      await page.getByText(summary).first().waitFor();
      const section = operationSection(summary);
      const read = (extension: string) =>
        readFile(path.join(repoRoot, "spec", "code-samples", `${sampleFile}.${extension}`), "utf8");
      expect(await shownSample(section)).toEqual({ language: "ts", text: (await read("ts")).trimEnd() });
      await chooseSampleTab("TypeScript", "curl", section);
      expect(await shownSample(section)).toEqual({ language: "shell", text: (await read("sh")).trimEnd() });
      await section.getByRole("button", { name: "curl", exact: true }).first().click();
      expect(await page.getByRole("menuitem").allInnerTexts()).toEqual(["TypeScript", "curl", "Payload"]);
      // Back to TypeScript: Redoc keeps the reader's choice across pages, and the next operation starts from it.
      await page.getByRole("menuitem", { name: "TypeScript", exact: true }).click();
      expect((await shownSample(section)).language).toBe("ts");
    }
  });

  it("says which Belvo version it describes and which package version built it", async () => {
    await freshPage();
    await page.getByText("Describes Belvo API").first().waitFor();
    const text = await bodyText();
    expect(text).toContain(`Describes Belvo API ${spec.info.version}.`);
    // Between releases (this checkout's commit is not tagged v<version>) the page also says which commit built it.
    const git = async (...args: string[]) => (await promisify(execFile)("git", args, { cwd: repoRoot })).stdout.trim();
    const released = (await git("tag", "--points-at", "HEAD")).split("\n").includes(`v${packageJson.version}`);
    const edited = (await git("status", "--porcelain", "--untracked-files=no")) !== "";
    const commit = `commit ${await git("rev-parse", "--short", "HEAD")}${edited ? ", with uncommitted edits" : ""}`;
    expect(text).toContain(
      released
        ? `Built by belvo-openapi-client ${packageJson.version}.`
        : `Built by belvo-openapi-client ${packageJson.version} with unreleased changes (${commit}).`,
    );
  });

  it("lists where the description deliberately differs from Belvo's published document, and why", async () => {
    await freshPage();
    await page.getByText("Where this description differs from Belvo's published document").first().waitFor();
    const text = await bodyText();
    expect(text).toContain("LinksPutRequest");
    expect(text).toContain("its own curl sample sends only password");
    expect(text).toContain("PatchBody.session");
  });

  it("made no request off 127.0.0.1 (no CDN, no fonts: it works offline)", () => {
    const offHost = requested.filter(
      (url) => !/^(http:\/\/127\.0\.0\.1:\d+\/|blob:http:\/\/127\.0\.0\.1:\d+\/|data:)/.test(url),
    );
    expect(requested.length).toBeGreaterThan(0);
    expect(offHost).toEqual([]);
  });

  it("logs no error or warning, and tries no telemetry even when the reader leaves the page", async () => {
    // Redoc batches its telemetry and sends it when the page is hidden (another tab, closing it): do what the
    // browser does then, and give the page a moment to try. A try would be a CSP error here.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
      window.dispatchEvent(new Event("pagehide"));
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
    expect(consoleProblems).toEqual([]);
  });

  it("saves a screenshot under .tmp/screenshots/", async () => {
    const dir = path.join(repoRoot, ".tmp", "screenshots");
    await mkdir(dir, { recursive: true });
    const buffer = await page.screenshot({ path: path.join(dir, "docs.png"), fullPage: false });
    expect(buffer.length).toBeGreaterThan(10_000);
  });
});
