// `npm run docs`: generated/openapi.json → docs/index.html, one self-contained page (Redoc inlined, no CDN) that
// works offline and can be published on any static host.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { collectDeviations, deviationsMarkdown } from "./deviations.js";
import { listOperations, type OpenApiDocument } from "../openapi/document.js";
import { repoRoot } from "../project/project.js";

const root = repoRoot;
// Redoc's footer always loads the Redocly logo from cdn.redoc.ly; the page must make no request off its own host.
const CDN_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">Redocly</text></svg>',
)}`;
// And a policy that holds the page to its own origin (plus inline and blob: code, which Redoc uses), so it works offline.
const CONTENT_SECURITY_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:">`;

export const DOCS_TITLE = "Belvo owners MFA & link credentials — API reference (belvo-openapi-client)";

export async function buildDocs(output = path.join(root, "docs", "index.html")): Promise<string> {
  await mkdir(path.dirname(output), { recursive: true });
  const dir = await mkdtemp(path.join(tmpdir(), "belvo-docs-source-"));
  try {
    const source = path.join(dir, "openapi.json");
    const doc = await documentForDocs();
    await writeFile(source, JSON.stringify(doc));
    await render(source, output, redocOptions(doc));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const html = await readFile(output, "utf8");
  const charset = '<meta charset="utf8" />';
  if (!html.includes(charset))
    throw new Error(`build-docs: the page template changed (no ${charset}); update scripts/docs/build-docs.ts`);
  await writeFile(
    output,
    html.replace(CDN_LOGOS, LOCAL_LOGO).replace(charset, `${charset}\n  ${CONTENT_SECURITY_POLICY}`),
  );
  return output;
}

/**
 * The bundled spec, its introduction led by which Belvo version it describes and which package version built the
 * page, and followed by the list of its deliberate differences from Belvo's document.
 */
async function documentForDocs(): Promise<OpenApiDocument> {
  const doc = JSON.parse(await readFile(path.join(root, "generated", "openapi.json"), "utf8")) as OpenApiDocument;
  const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
  const built = `Describes Belvo API **${doc.info.version}**. Built by belvo-openapi-client ${await buildName(version)}.`;
  doc.info.description = `${built}\n\n${doc.info.description ?? ""}\n\n${deviationsMarkdown(collectDeviations(doc))}\n`;
  return doc;
}

/**
 * The package version, bold; from a git checkout whose commit is not that version's release tag, also which
 * commit, since the page then describes changes made after the release.
 */
async function buildName(version: string): Promise<string> {
  const git = (...args: string[]) =>
    promisify(execFile)("git", args, { cwd: root }).then(
      ({ stdout }) => stdout.trim(),
      () => undefined,
    );
  const commit = await git("rev-parse", "--short", "HEAD");
  if (commit === undefined) return `**${version}**`; // not a checkout (an unpacked package, say)
  const tags = (await git("tag", "--points-at", "HEAD"))?.split("\n") ?? [];
  if (tags.includes(`v${version}`)) return `**${version}**`;
  const edited = (await git("status", "--porcelain", "--untracked-files=no")) ? ", with uncommitted edits" : "";
  return `**${version}** with unreleased changes (commit \`${commit}\`${edited})`;
}

/**
 * Redoc's options, passed whole as `--openapi <json>`. `codeSamples.languages` is the request panel's language
 * menu, and Redoc shows an operation's x-codeSamples only under an entry whose label matches the sample's label (or
 * its lang, when it has none): its built-in entries cover curl, JavaScript, Node.js and other languages, not
 * TypeScript, so without an entry of that name the TypeScript samples would be left off the page.
 * The entries come from the spec's sample labels, so a sample added in another language gets its own.
 */
function redocOptions(doc: OpenApiDocument) {
  return {
    theme: { colors: { primary: { main: "#0b5fff" } }, sidebar: { backgroundColor: "#f4f7fb" } },
    expandResponses: "200,201,428",
    jsonSamplesExpandLevel: 3,
    codeSamples: {
      languages: [...codeSampleLabels(doc).map(codeSampleMenuEntry), { lang: "Payload", label: "Payload" }],
    },
  };
}

/** The label of every x-codeSamples entry, each once, in the order the spec first uses them. */
function codeSampleLabels(doc: OpenApiDocument): string[] {
  const labels = new Set<string>();
  for (const { operation } of listOperations(doc))
    for (const sample of (operation as { "x-codeSamples"?: CodeSample[] })["x-codeSamples"] ?? [])
      labels.add(sample.label ?? sample.lang);
  return [...labels];
}

interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

/**
 * The menu entry for one sample label. Redoc's config accepts only its own languages as `lang`; the label is what
 * the entry shows and what the samples are matched by.
 */
function codeSampleMenuEntry(label: string): { lang: string; label: string } {
  return { lang: label.toLowerCase() === "curl" ? "curl" : "JavaScript", label };
}

async function render(source: string, output: string, options: object): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, "node_modules", "@redocly", "cli", "bin", "cli.js"),
      "build-docs",
      source,
      "--inlineBundle",
      "--output",
      output,
      "--title",
      DOCS_TITLE,
      `--openapi=${JSON.stringify(options)}`,
    ],
    {
      // Off for the CLI (usage reports) and for the page it writes (Redoc sends traces to otel.cloud.redocly.com
      // unless the build had telemetry off; the page's CSP would block them, noisily, in the reader's console).
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const output = await buildDocs();
  console.log(`docs: wrote ${path.relative(root, output)} (self-contained; publish it on any static host)`);
}
