/**
 * The README runs. Every command of its curl tour (the `sh` blocks of "A tour with curl", up to the next
 * section) is run with bash against the worker started as `npm start` starts it (test/node/server.ts
 * startLikeNpmStart: package.json's own start script, on a free port, in a copy of the project), and its
 * output is checked against what its comment says; an `sh` block followed by a `json` block must print that
 * JSON (the error example). A command without a check here, or a check without its command, fails.
 *
 * Also: README, `engines`, `.nvmrc`, the pinned `node` dev dependency and the Node these tests run on agree.
 *
 * Needs curl and jq (as the tour does): skipped with a loud message without them, a failure in CI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset, ROOT } from "../../scripts/lib/files";
import { type DevServer, startLikeNpmStart } from "./server";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const TOOLS = ["curl", "jq"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
const REQUIRED = process.env.CI === "true" || process.env.REQUIRE_BROWSER === "1";

if (TOOLS.length > 0) {
  const banner = "!".repeat(100);
  console.warn(
    `\n${banner}\n!! README TOUR TEST ${REQUIRED ? "FAILS" : "SKIPPED"}: ${TOOLS.join(" and ")} missing (apt-get install -y curl jq)\n${banner}\n`,
  );
}

interface Command {
  /** The command as the README spells it (its comment removed). */
  command: string;
  /** What its comment says ("" for an assignment such as `etag=$(…)`). */
  comment: string;
  /** Assignments before it in the same block, which it may use. */
  prelude: string[];
  /** The JSON the README shows it printing, when a `json` block follows its block. */
  shows?: string;
}

/** The commands of the tour: the `sh` blocks from "## A tour with curl" to the next `## ` heading. */
function tourCommands(markdown: string): Command[] {
  const start = markdown.indexOf("## A tour with curl");
  if (start < 0) throw new Error("README has no '## A tour with curl'");
  const rest = markdown.slice(start + 3);
  const section = rest.slice(0, rest.search(/^## /m) >= 0 ? rest.search(/^## /m) : undefined);
  const fences = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], body: m[2] ?? "" }));
  const commands: Command[] = [];
  fences.forEach((fence, i) => {
    if (fence.lang !== "sh") return;
    const prelude: string[] = [];
    const lines = fence.body.split("\n").filter((l) => l.trim() !== "");
    lines.forEach((line, j) => {
      const m = /^(.*?)\s{2,}#\s(.*)$/.exec(line);
      const command = (m ? m[1] : line)?.trim() ?? "";
      const next = fences[i + 1];
      commands.push({
        command,
        comment: m?.[2]?.trim() ?? "",
        prelude: [...prelude],
        ...(j === lines.length - 1 && next?.lang === "json" ? { shows: next.body } : {}),
      });
      if (/^\w+=/.test(command)) prelude.push(command);
    });
  });
  return commands;
}

const FACT = "apple-selected-alibaba-china-ai-partner";

/** Several JSON values printed one after another (jq's output for a stream). */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 0) {
          values.push(JSON.parse(text.slice(start, i + 1)));
          start = -1;
        }
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      if (depth === 0) start = i;
    } else if (ch === "{" || ch === "[") {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) {
        values.push(JSON.parse(text.slice(start, i + 1)));
        start = -1;
      }
    } else if (depth === 0 && /\S/.test(ch ?? "")) {
      const token = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(i))?.[0];
      if (!token) throw new Error(`not JSON at ${i}: ${text.slice(i, i + 40)}`);
      values.push(JSON.parse(token));
      i += token.length - 1;
    }
  }
  return values;
}
const json = (text: string) => {
  const values = jsonValues(text);
  expect(values).toHaveLength(1);
  // biome-ignore lint/suspicious/noExplicitAny: the tour checks loose JSON
  return values[0] as any;
};

type Check = (out: string, ctx: { origin: string; release: () => string }) => void;

const dataset = (() => {
  const loaded = loadDataset();
  if (!loaded.ok) throw new Error("data/ is invalid");
  return loaded.dataset;
})();

/** What each command's comment promises, keyed by the command as the README spells it. */
const CHECKS: Record<string, Check> = {
  "curl -s localhost:8787/ | jq .links": (out, { origin }) => {
    expect(json(out)).toEqual({
      api: `${origin}/v1`,
      openapi: `${origin}/openapi.json`,
      docs: `${origin}/docs`,
      llms: `${origin}/llms.txt`,
    });
  },
  "curl -s localhost:8787/v1 | jq": (out, { origin, release }) => {
    const body = json(out);
    expect(body.data.release.version).toBe(release());
    const counted = Object.fromEntries(
      body.data.collections
        .filter((c: { name: string }) => c.name !== "releases")
        .map((c: { name: string; count: number }) => [c.name, c.count]),
    );
    expect(counted).toEqual({
      stories: dataset.stories.length,
      sources: dataset.sources.length,
      entities: dataset.entities.length,
      figures: dataset.figures.length,
      budgets: dataset.budgets.length,
      partnerships: dataset.partnerships.length,
      events: dataset.events.length,
      facts: dataset.facts.length,
    });
    expect(body.data.collections.map((c: { href: string }) => c.href)).toContain(`${origin}/v1/releases`);
  },
  "curl -s 'localhost:8787/v1/entities?type=model' | jq '.data[].id'": (out) => {
    const models = dataset.entities
      .filter((e) => e.type === "model")
      .map((e) => e.id)
      .sort();
    expect(jsonValues(out)).toEqual(models);
    expect(models).toEqual(expect.arrayContaining(["qwen", "qwen-2-2b-pruned", "qwen-7b"]));
  },
  "curl -s 'localhost:8787/v1/entities?q=Bacchus' | jq '.data[0].name'": (out) => {
    expect(json(out)).toBe(dataset.entities.find((e) => e.id === "baichuan-ai")?.name.en);
    expect(json(out)).toMatch(/^Baichuan/);
  },
  "curl -si localhost:8787/v1/entities/aliyun | grep -iE '^(HTTP|location)'": (out, { origin }) => {
    expect(out.trim().split(/\r?\n/)).toEqual([
      "HTTP/1.1 308 Permanent Redirect",
      expect.stringMatching(new RegExp(`^location: (?:${origin})?/v1/entities/alibaba-cloud\\r?$`, "i")),
    ]);
  },
  "curl -s 'localhost:8787/v1/entities/alibaba-cloud?lang=ja' | jq .data.name": (out) => {
    const ja = dataset.entities.find((e) => e.id === "alibaba-cloud")?.name.ja;
    expect(ja).toBeTruthy();
    expect(json(out)).toBe(ja);
  },
  "curl -s localhost:8787/v1/entities/alibaba-group/relations | jq -c '.data[] | [.label, .other.id]'": (out) => {
    expect(jsonValues(out)).toEqual(expect.arrayContaining([["parent_of", "alibaba-cloud"]]));
  },
  "curl -s 'localhost:8787/v1/figures?entity=qwen-2-2b-pruned&include=sources' | jq": (out) => {
    const body = json(out);
    const figures = dataset.figures.filter((f) => f.subject === "qwen-2-2b-pruned").map((f) => f.id);
    expect(body.data.map((f: { id: string }) => f.id).sort()).toEqual(figures.sort());
    const cited = new Set(body.data.flatMap((f: { sources: string[] }) => f.sources));
    expect(new Set(body.included.sources.map((s: { id: string }) => s.id))).toEqual(cited);
  },
  "curl -s 'localhost:8787/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget' | jq .data.verdict":
    (out) => {
      expect(json(out)).toBe("exceeds");
    },
  "curl -s 'localhost:8787/v1/budget-estimate?parameters=2.2B&bits=FP16' | jq .data.summary": (out) => {
    expect(json(out)).toMatch(/^2\.2B parameters at FP16 need about 4\.4 GB for the weights alone, over the 1\.5 GB/);
  },
  "curl -s 'localhost:8787/v1/partnerships?party=apple' | jq -c '.data[] | [.id, .status]'": (out) => {
    const apple = dataset.partnerships
      .filter((p) => p.parties.includes("apple"))
      .map((p) => p.id)
      .sort();
    const rows = jsonValues(out) as [string, string][];
    expect(rows.map(([id]) => id)).toEqual(apple);
    for (const [, status] of rows) expect(status).toMatch(/^[a-z_]+$/);
  },
  "curl -s 'localhost:8787/v1/events?from=2024&to=2025' | jq -c '.data[] | [.date.value, .title]'": (out) => {
    const rows = jsonValues(out) as [string, string][];
    expect(rows.length).toBeGreaterThan(5);
    for (const [date] of rows) expect(date).toMatch(/^202[45]/);
    const dates = rows.map(([date]) => date);
    expect(dates).toEqual([...dates].sort());
  },
  "curl -s 'localhost:8787/v1/facts?topic=model_budget&lang=ja' | jq '.data[].text'": (out) => {
    const facts = dataset.facts
      .filter((f) => f.topic === "model_budget")
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((f) => f.text.ja);
    expect(facts.length).toBeGreaterThan(0);
    expect(jsonValues(out)).toEqual(facts);
  },
  "curl -s 'localhost:8787/v1/search?q=通意千問' | jq '.data[0]'": (out, { origin }) => {
    expect(json(out)).toMatchObject({ kind: "entity", id: "qwen", href: `${origin}/v1/entities/qwen` });
  },
  "curl -s localhost:8787/v1/releases | jq '.data[0]'": (out, { release }) => {
    const body = json(out);
    expect(body.version).toBe(release());
    expect(body.counts).toMatchObject({ facts: dataset.facts.length, entities: dataset.entities.length });
  },
  [`curl -s localhost:8787/v1/facts/${FACT} | jq .data.citation.text`]: (out, { origin }) => {
    const text = json(out) as string;
    expect(text.startsWith(dataset.facts.find((f) => f.id === FACT)?.text.en ?? "?")).toBe(true);
    expect(text).toContain(" — Sources: ");
    expect(text.endsWith(`${origin}/facts/${FACT}`)).toBe(true);
  },
  [`curl -s -H 'Accept: text/markdown' 'localhost:8787/v1/facts/${FACT}?lang=ja'`]: (out, { origin }) => {
    expect(out.startsWith(`> ${dataset.facts.find((f) => f.id === FACT)?.text.ja}`)).toBe(true);
    expect(out).toContain(`(${origin}/facts/${FACT})`);
  },
  [`curl -s 'localhost:8787/v1/facts/${FACT}?format=jsonld' | jq '."@type"'`]: (out) => {
    expect(json(out)).toBe("Claim");
  },
  [`curl -s localhost:8787/v1/facts/${FACT} | jq -r .data.citation.pinned`]: (out, { origin, release }) => {
    expect(out).toBe(`${origin}/v1/releases/${release()}/facts/${FACT}\n`);
  },
  "curl -s localhost:8787/v1/facts/today | jq .data.text": (out) => {
    expect(dataset.facts.map((f) => f.text.en)).toContain(json(out));
  },
  "curl -s 'localhost:8787/v1/claims/check?text=Apple%20ranked%20second%20in%20China' | jq -c '[.data.verdict, .data.matches[0].stored]'":
    (out) => {
      expect(json(out)).toEqual(["contradicted", { value: 3, unit: "rank" }]);
    },
  "curl -s localhost:8787/mcp | jq -c '[.tools[].name]'": (out) => {
    expect(json(out)).toEqual([
      "search",
      "get_fact",
      "list_facts",
      "get_entity",
      "get_figure",
      "check_budget",
      "estimate_budget",
      "list_partnerships",
      "timeline",
      "check_claim",
    ]);
  },
  "curl -s localhost:8787/v1/changes | jq -c '.data[0] | {version, added: (.added | length)}'": (out, { release }) => {
    expect(json(out)).toEqual({ version: release(), added: expect.any(Number) });
    expect(json(out).added).toBeGreaterThan(0);
  },
  "curl -s localhost:8787/v1/export.ndjson | head -2": (out, { release }) => {
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ kind: "release", version: release() });
  },
  "curl -s localhost:8787/openapi.json | jq .info.title": (out) => {
    expect(json(out)).toBe("Alliance Facts API");
  },
  "curl -s localhost:8787/healthz": (out, { release }) => {
    expect(json(out)).toMatchObject({ status: "ok", d1: "ok", release: release() });
  },
  "etag=$(curl -sI localhost:8787/v1/entities/apple | grep -i '^etag' | cut -d' ' -f2 | tr -d '\\r')": (
    out,
    { release },
  ) => {
    // An assignment prints nothing; the test prints the variable after it.
    expect(out).toMatch(new RegExp(`^"${release()}-[0-9a-f]+"$`));
  },
  "curl -s -o /dev/null -w '%{http_code}\\n' -H \"If-None-Match: $etag\" localhost:8787/v1/entities/apple": (out) => {
    expect(out).toBe("304\n");
  },
  "curl -si localhost:8787/healthz | grep -iE '^(content-digest|signature-input):'": (out) => {
    const lines = out.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^content-digest: sha-256=:[A-Za-z0-9+/]{43}=:$/i);
    expect(lines[1]).toMatch(
      /^signature-input: alliance=\("@status" "content-type" "content-digest" "@path";req "@query";req\);created=\d+;keyid="[A-Za-z0-9_-]{43}";alg="ed25519"$/i,
    );
  },
  "curl -s localhost:8787/.well-known/http-message-signatures-directory | jq -c '.keys[].kid'": (out) => {
    expect(out).toMatch(/^"[A-Za-z0-9_-]{43}"\n$/);
  },
  "curl -si localhost:8787/healthz | grep -i '^ratelimit'": (out) => {
    const lines = out.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RateLimit: "default";r=\d+;t=\d+\r?$/i),
        expect.stringMatching(/^RateLimit-Policy: "default";q=600;w=60\r?$/i),
      ]),
    );
  },
  "curl -s 'localhost:8787/v1/entities?limit=500' | jq": (out) => {
    expect(json(out)).toMatchObject({ status: 400, errors: [{ parameter: "limit" }] });
  },
};

describe("the README's curl tour", () => {
  const commands = tourCommands(README);

  it("has a check for every command, a comment saying what each shows, and no check for a command it lost", () => {
    expect(commands.length).toBeGreaterThan(20);
    const spelled = commands.map((c) => c.command);
    expect(spelled.filter((c) => !(c in CHECKS))).toEqual([]);
    expect(Object.keys(CHECKS).filter((c) => !spelled.includes(c))).toEqual([]);
    const uncommented = commands.filter((c) => c.comment === "" && !/^\w+=/.test(c.command) && !c.shows);
    expect(uncommented.map((c) => c.command)).toEqual([]);
  });

  describe.runIf(TOOLS.length === 0)("run against the worker started as npm start starts it", () => {
    let server: DevServer;
    let release = "";

    beforeAll(async () => {
      server = await startLikeNpmStart();
      release = ((await (await fetch(`${server.origin}/healthz`)).json()) as { release: string }).release;
    }, 240_000);

    afterAll(async () => {
      await server?.close();
    });

    it.each(commands.map((c) => [c.command, c] as const))("%s", (_, c) => {
      const port = String(server.port);
      const local = (s: string) => s.replaceAll("localhost:8787", `localhost:${port}`);
      const assignment = /^(\w+)=/.exec(c.command)?.[1];
      const script = [...c.prelude, c.command]
        .map(local)
        .concat(assignment ? [`printf '%s' "$${assignment}"`] : [])
        .join("\n");
      const run = spawnSync("bash", ["-c", script], { encoding: "utf8", timeout: 60_000 });
      expect(run.stderr, `${c.command} wrote to stderr`).toBe("");
      expect(run.status, c.command).toBe(0);
      const check = CHECKS[c.command];
      if (!check) throw new Error(`no check for ${c.command}`);
      check(run.stdout, { origin: `http://localhost:${port}`, release: () => release });
      if (c.shows !== undefined) {
        // The output the README shows is the output: all of it, but the request id (each request's own).
        const shown = JSON.parse(local(c.shows));
        const printed = json(run.stdout);
        expect(printed).toEqual({
          ...shown,
          ...("request_id" in shown ? { request_id: expect.stringMatching(/^[0-9a-f]{16}$/) } : {}),
        });
      }
    });
  });

  describe.runIf(TOOLS.length > 0 && REQUIRED)("tools (required in CI)", () => {
    it("has curl and jq to run the tour", () => {
      expect.fail(`missing ${TOOLS.join(", ")}: apt-get install -y curl jq`);
    });
  });
});

describe("Node, honestly", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
    dependencies: Record<string, string>;
  };
  const nvmrc = readFileSync(join(ROOT, ".nvmrc"), "utf8").trim();
  const version = (v: string) => v.replace(/^v/, "").split(".").map(Number) as [number, number, number];
  const atLeast = (v: string, min: string) => {
    const [a, b] = [version(v), version(min)];
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
  };
  const minimum = /^>=(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node)?.[1];

  it("pins one Node: .nvmrc, the node dev dependency and the Node running these tests", () => {
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.node).toBe(nvmrc);
    expect(process.version).toBe(`v${nvmrc}`);
  });

  it("engines states a minimum the pinned Node meets and every direct dependency accepts", () => {
    expect(minimum, `engines.node is ">=x.y"`).toBeDefined();
    expect(atLeast(nvmrc, minimum ?? "")).toBe(true);
    const wanting: string[] = [];
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
      const file = join(ROOT, "node_modules", name, "package.json");
      if (!existsSync(file)) continue;
      const wants = (JSON.parse(readFileSync(file, "utf8")) as { engines?: { node?: string } }).engines?.node;
      const min = wants && /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(wants.trim())?.[1];
      if (min && !atLeast(minimum ?? "0", min)) wanting.push(`${name} wants node ${wants}`);
    }
    expect(wanting).toEqual([]);
  });

  it("the README says the same", () => {
    const text = README.replace(/\s+/g, " ");
    expect(text).toContain(`runs on Node ${minimum} or newer (\`engines\`)`);
    expect(text).toContain(`installs the exact Node it runs on, ${nvmrc} (\`.nvmrc\`; the \`node\` dev dependency)`);
  });
});
