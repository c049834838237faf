/**
 * What dist/ needs at run time: after `npm prune --omit=dev` only the production dependencies remain, so
 * every package a built entry point imports must be one of them (or part of Node). Checked on the build the
 * tests run (tests/support/global-setup.ts builds it), entry by entry.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryPoints } from "../../scripts/build-inputs.mjs";
import { distEntry } from "../support/dist.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Package names a built file imports (statically or not) or requires: `discord.js`, `@patdx/kuromoji`. */
function importedPackages(code: string): Set<string> {
  const specifiers = [
    ...code.matchAll(/\bfrom\s*["']([^"'.][^"']*)["']/g),
    ...code.matchAll(/\bimport\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g),
    ...code.matchAll(/^import\s*["']([^"'.][^"']*)["']/gm),
    ...code.matchAll(/\brequire\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g),
  ].map((match) => match[1]!);
  return new Set(
    specifiers
      .filter((specifier) => !specifier.startsWith("node:") && !builtinModules.includes(specifier.split("/")[0]!))
      .map((specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")),
  );
}

describe("dist/", () => {
  const entries = entryPoints();

  it("has an entry point for every npm script that runs one, built from src/", () => {
    expect(entries).toEqual(expect.arrayContaining(["bot/main", "bot/deploy-commands", "cli/ask", "cli/articles", "cli/build-index", "cli/sources", "cli/summary"]));
    expect(manifest.scripts.start).toMatch(/^exec node .*dist\/bot\/main\.js$/);
  });

  it("imports production dependencies only, and every one it needs is declared", () => {
    const dependencies = Object.keys(manifest.dependencies);
    for (const entry of entries) {
      const packages = [...importedPackages(readFileSync(distEntry(entry), "utf8"))];
      for (const name of packages) expect({ entry, name, production: dependencies.includes(name) }).toEqual({ entry, name, production: true });
      expect(packages.filter((name) => name in manifest.devDependencies)).toEqual([]);
    }
    // The bot's own file loads discord.js and kuromoji from node_modules; zod is bundled in.
    const bot = importedPackages(readFileSync(distEntry("bot/main"), "utf8"));
    expect(bot).toContain("discord.js");
    expect(bot).toContain("@patdx/kuromoji");
    expect(bot).not.toContain("zod");
  });
});
