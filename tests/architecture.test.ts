/**
 * The layers stay honest: data flows seeds -> src/articles -> src/search -> src/answers -> src/render ->
 * commands/, src/cli, src/bot, and each outside library stays in the one layer that owns it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["src", "commands"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.(ts|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g), ...text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)];
  return specifiers.map((m) => m[1]!);
}

/** The layer a project file belongs to, by folder. */
function layerOf(file: string): string {
  const rel = path.relative(process.cwd(), file).split(path.sep);
  if (rel[0] === "commands") return "commands";
  if (rel[0] === "src" && rel.length > 2) return `src/${rel[1]}`;
  return rel.join("/");
}

const files = ROOTS.flatMap((root) => sourceFiles(root));
const edges = files.flatMap((file) =>
  importsOf(file).map((spec) => ({
    file: path.relative(process.cwd(), file),
    from: layerOf(file),
    spec,
    to: spec.startsWith(".") ? layerOf(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts"))) : spec,
  })),
);

/** Which layers may use each outside library. */
const LIBRARY_OWNERS: Record<string, string[]> = {
  "discord.js": ["commands", "src/bot"],
  "@discordjs/": ["commands", "src/bot"],
  "discord-api-types": ["commands", "src/bot"],
  kuromoji: ["src/search"],
  "@patdx/kuromoji": ["src/search"],
  minisearch: ["src/search"],
  "better-sqlite3": ["src/feedback"],
  dotenv: ["src/config.ts"],
};

/**
 * Which project layers each layer may import: only earlier steps of the flow (and the config). Every layer is
 * listed, and there are no exceptions: a new folder, or an import that points back up, fails here.
 */
const ALLOWED: Record<string, string[]> = {
  "src/config.ts": [],
  "src/articles": [],
  "src/search": ["src/articles"],
  "src/answers": ["src/articles", "src/search"],
  "src/feedback": ["src/articles", "src/answers"],
  "src/render": ["src/articles", "src/answers"],
  commands: ["src/articles", "src/answers", "src/render"],
  "src/cli": ["src/articles", "src/search", "src/answers", "src/feedback", "src/render", "src/config.ts"],
  "src/bot": ["src/articles", "src/answers", "src/feedback", "src/render", "src/config.ts", "commands"],
};

describe("the import rules", () => {
  it("finds the project's source files", () => {
    expect(files.some((f) => f.endsWith(path.join("src", "articles", "load.ts")))).toBe(true);
  });

  for (const [library, owners] of Object.entries(LIBRARY_OWNERS)) {
    it(`${library} is imported only in ${owners.join(", ")}`, () => {
      const offenders = edges.filter((e) => (e.spec === library || (library.endsWith("/") ? e.spec.startsWith(library) : e.spec.startsWith(`${library}/`))) && !owners.includes(e.from));
      expect(offenders.map((e) => `${e.file} imports ${e.spec}`)).toEqual([]);
    });
  }

  it("every source file belongs to a listed layer", () => {
    expect([...new Set(files.map(layerOf))].filter((layer) => !(layer in ALLOWED))).toEqual([]);
  });

  it("each layer imports only the layers before it in the data flow", () => {
    const offenders = edges.filter((e) => e.spec.startsWith(".") && e.to !== e.from && !ALLOWED[e.from]?.includes(e.to));
    expect(offenders.map((e) => `${e.file} (${e.from}) imports ${e.spec} (${e.to})`)).toEqual([]);
  });

  it("commands/ never imports the bot: handlers get the library, the reply helper and the locale passed in", () => {
    expect(edges.filter((e) => e.from === "commands" && e.to.startsWith("src/bot")).map((e) => `${e.file} imports ${e.spec}`)).toEqual([]);
  });
});
