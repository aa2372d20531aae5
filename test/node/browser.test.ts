/**
 * The docs and the permalink pages in a real browser: Debian's Chromium driven by playwright-core against the
 * real worker with its static assets (test/node/server.ts). /docs must list every tag and operation of the
 * spec, send a request from Scalar's client to this worker and show the answer; pages must talk to no other
 * origin, log no console error or warning (Scalar logs one when its reader rejects the spec), and a permalink
 * page must pass axe-core without serious or critical issues. `/` must bring a browser to `/docs`.
 *
 * Without /usr/bin/chromium these tests are skipped with a loud message; with REQUIRE_BROWSER=1 (.ci/run)
 * a missing browser is a failure.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/files";
import { startServer, type TestServer } from "./server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const REQUIRED = process.env.REQUIRE_BROWSER === "1";
const HAVE_BROWSER = existsSync(CHROMIUM);
const ARTIFACTS = join(ROOT, "test/artifacts");
const FACT = "apple-selected-alibaba-china-ai-partner";

/**
 * Console errors and warnings that are known and not the page's doing (none: the pages declare an empty icon,
 * so Chromium does not ask for /favicon.ico, and Scalar's reader accepts the spec as served).
 */
const KNOWN_CONSOLE_MESSAGES: RegExp[] = [];

if (!HAVE_BROWSER) {
  const banner = "!".repeat(100);
  console.warn(
    `\n${banner}\n!! BROWSER TESTS ${REQUIRED ? "FAIL" : "SKIPPED"}: no Chromium at ${CHROMIUM}.\n` +
      "!! Install Debian's package: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)\n" +
      `!! ${REQUIRED ? "REQUIRE_BROWSER=1 makes this a failure (CI)." : "Set REQUIRE_BROWSER=1 to make this a failure."}\n${banner}\n`,
  );
}

describe.runIf(!HAVE_BROWSER && REQUIRED)("browser (required)", () => {
  it("has Chromium to run the browser tests", () => {
    expect.fail(`REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: apt-get install -y chromium`);
  });
});

interface Spec {
  tags: { name: string }[];
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
}

/**
 * A console message as text, with the contents of its arguments: Scalar logs "document validation errors"
 * and then an array of `{ path, message }` objects, which `text()` shows only as `[Object, Object]`.
 */
async function consoleText(m: ConsoleMessage): Promise<string> {
  const args = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => undefined)));
  const details = args
    .flatMap((a) => (Array.isArray(a) ? a : []))
    .map((e) => (e && typeof e === "object" ? `${e.path ?? ""} ${e.message ?? JSON.stringify(e).slice(0, 200)}` : ""))
    .filter(Boolean);
  return `${m.type()}: ${m.text()}${details.length ? ` [${details.join("; ")}]` : ""} ${m.location().url}`;
}

/**
 * What a page did: every request it sent, and every console error or warning and uncaught exception
 * (`messages()` waits for the console's arguments to be read).
 */
function watch(page: Page) {
  const requests: string[] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    pending.push(
      consoleText(m).then((text) => {
        if (!KNOWN_CONSOLE_MESSAGES.some((re) => re.test(text))) errors.push(text);
      }),
    );
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return {
    requests,
    async messages() {
      await Promise.all(pending);
      return errors;
    },
  };
}

const foreign = (origin: string, urls: string[]) =>
  urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"));

describe.runIf(HAVE_BROWSER)("the docs and pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let spec: Spec;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    spec = (await (await fetch(`${server.origin}/openapi.json`)).json()) as Spec;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("/ opens /docs, which lists every tag and operation, sends a request to this worker and shows the answer, with no console message", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const seen = watch(page);
    // A person who opens the printed URL lands on the reference.
    const res = await page.goto(`${server.origin}/`, { waitUntil: "networkidle" });
    expect(page.url()).toBe(`${server.origin}/docs`);
    expect((await res?.request().redirectedFrom()?.response())?.status()).toBe(303);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");

    // The sidebar: one entry per tag and per operation (first line of each button's text).
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method, path, summary: op.summary ?? "" })),
    );
    await page
      .getByRole("button", { name: /Test Request/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const labels = new Set((await page.locator("button").allInnerTexts()).map((t) => (t.split("\n")[0] ?? "").trim()));
    const missingTags = spec.tags.map((t) => t.name).filter((name) => !labels.has(name));
    const missingOperations = operations.filter((o) => !labels.has(o.summary)).map((o) => `${o.method} ${o.path}`);
    expect({ missingTags, missingOperations }).toEqual({ missingTags: [], missingOperations: [] });
    // …and a "Test Request" button for each operation.
    const testButtons = await page.locator("button", { hasText: "Test Request" }).allInnerTexts();
    const withButton = new Set(testButtons.map((t) => t.replace(/\s+/g, " ").trim()));
    expect(operations.filter((o) => !withButton.has(`Test Request (${o.method} ${o.path})`))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "docs-reference.png") });

    // Scalar's client: open it on GET /v1, press Send, and see this worker's answer.
    await page.locator("button", { hasText: /Test Request\s*\(get \/v1\)$/ }).click();
    const send = page.getByRole("button", { name: /^Send/ }).first();
    await send.waitFor({ timeout: 30_000 });
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/v1" && r.request().method() === "GET"),
      send.click(),
    ]);
    expect(answer.status()).toBe(200);
    expect(new URL(answer.url()).origin).toBe(server.origin);
    // The response panel shows the status and the body, with this release's own href (examples use api.example).
    await page.getByText("200 OK").first().waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => page.locator("body").innerText(), { timeout: 15_000 })
      .toContain(`${server.origin}/v1/releases/${server.version}`);
    await page.screenshot({ path: join(ARTIFACTS, "docs.png") });

    expect(foreign(server.origin, seen.requests)).toEqual([]);
    expect(seen.requests).toContain(`${server.origin}/openapi.json`);
    expect(await seen.messages()).toEqual([]);
    await context.close();
  }, 120_000);

  it("a fact's permalink page shows the statement and its citation, alone, accessibly", async () => {
    const json = (await (await fetch(`${server.origin}/v1/facts/${FACT}`)).json()) as {
      data: { text: string; citation: { text: string; permalink: string } };
    };
    // AxeBuilder needs a context of its own (it opens a page in it).
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const seen = watch(page);
    const res = await page.goto(`${server.origin}/facts/${FACT}`, { waitUntil: "networkidle" });
    expect(res?.status(), `/facts/${FACT} is served (permalink pages)`).toBe(200);
    expect(res?.headers()["content-type"]).toMatch(/^text\/html/);

    expect((await page.locator("h1").innerText()).trim()).toBe(json.data.text);
    expect(await page.locator("main").innerText()).toContain(json.data.citation.text);
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(json.data.citation.permalink);
    await page.screenshot({ path: join(ARTIFACTS, "fact.png"), fullPage: true });

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);

    expect(foreign(server.origin, seen.requests)).toEqual([]);
    expect(await seen.messages()).toEqual([]);
    await context.close();
  }, 60_000);

  /** Opens a page, checks its pictures loaded (same origin, no CSP report), runs axe, saves a screenshot. */
  async function picturesOn(path: string, shot: string, pictures: RegExp) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const seen = watch(page);
    const res = await page.goto(`${server.origin}${path}`, { waitUntil: "networkidle" });
    expect(res?.status(), path).toBe(200);
    const images = page.locator("figure.picture img");
    expect(await images.count()).toBeGreaterThan(0);
    for (const img of await images.all()) {
      expect(await img.getAttribute("src")).toMatch(pictures);
      expect((await img.getAttribute("alt"))?.length).toBeGreaterThan(0);
      await img.scrollIntoViewIfNeeded();
      // Drawn, not broken: the browser decoded the SVG to its size.
      await expect
        .poll(() =>
          img.evaluate((e) => {
            const image = e as unknown as { complete: boolean; naturalWidth: number };
            return image.complete && image.naturalWidth;
          }),
        )
        .toBe(960);
    }
    // The share card the page declares is a 1200×630 PNG the browser can draw.
    const card = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(card).toMatch(/\/card\.png(\?lang=[a-zA-Z-]+)?$/);
    await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);
    const cardPage = await context.newPage();
    const shown = await cardPage.goto(card as string);
    expect(shown?.status()).toBe(200);
    expect(shown?.headers()["content-type"]).toBe("image/png");
    const size = await cardPage
      .locator("img")
      .evaluate((e) => [
        (e as unknown as { naturalWidth: number }).naturalWidth,
        (e as unknown as { naturalHeight: number }).naturalHeight,
      ]);
    expect(size).toEqual([1200, 630]);
    await cardPage.screenshot({ path: join(ARTIFACTS, `${shot}-card.png`) });
    expect(foreign(server.origin, seen.requests)).toEqual([]);
    expect(await seen.messages()).toEqual([]);
    await context.close();
  }

  it("a partnership's page shows its story's timeline and declares its card, accessibly", async () => {
    await picturesOn(
      "/partnerships/apple-alibaba-apple-intelligence-china",
      "partnership-timeline",
      /\/v1\/stories\/apple-alibaba-ai-alliance-china\/timeline\.svg$/,
    );
  }, 120_000);

  it("a model's page shows its budget chart and declares its card, accessibly", async () => {
    await picturesOn("/entities/qwen-2-2b-pruned?lang=ja", "model-budget-chart", /\/v1\/budget-checks\.svg\?model=/);
  }, 120_000);
});
