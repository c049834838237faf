/**
 * scripts/launch.mjs, the npm scripts' launcher: runs an entry point from an esbuild bundle that it keeps
 * fresh, never runs a bundle that does not match its manifest, and falls back to tsx when it cannot bundle.
 * Most tests use a small project of their own in a temporary folder; the last runs `npm run ask` for real.
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, IDS, interactionPayload } from "../e2e/fake-discord.js";

const LAUNCHER = path.resolve("scripts/launch.mjs");
const FALLBACK_NOTE = /could not bundle .*running it through tsx instead/g;

let project: string;
let bundleDir: string;

async function writeProjectFile(relative: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(project, relative)), { recursive: true });
  await writeFile(path.join(project, relative), text);
}

function launch(...args: string[]) {
  const result = spawnSync(process.execPath, [LAUNCHER, "src/cli/hello.ts", ...args], { cwd: project, encoding: "utf8", timeout: 60_000 });
  return { ...result, fallbackNotes: result.stderr.match(FALLBACK_NOTE)?.length ?? 0 };
}

const manifest = async () => JSON.parse(await readFile(path.join(bundleDir, "src-cli-hello.json"), "utf8")) as { bundle: string; snapshot: Record<string, unknown> };
const bundles = async () => (await readdir(bundleDir)).filter((name) => name.endsWith(".mjs"));

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "kiji-launch-"));
  bundleDir = path.join(project, "node_modules", ".cache", "kiji-bot", "bundle");
  await writeProjectFile("package.json", JSON.stringify({ name: "fixture", private: true, type: "module" }));
  await writeProjectFile("package-lock.json", JSON.stringify({ name: "fixture", lockfileVersion: 3 }));
  await writeProjectFile("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true } }));
  await writeProjectFile("src/lib/greeting.ts", 'export const greeting: string = "hello";\n');
  await writeProjectFile(
    "src/cli/hello.ts",
    [
      'import { greeting } from "../lib/greeting.js";',
      "const args: string[] = process.argv.slice(2);",
      "console.log(`${greeting} ${args.join(\",\")}`);",
      "process.exitCode = 3;",
      "",
    ].join("\n"),
  );
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("the launcher", () => {
  it("bundles the entry on the first start and runs it with its arguments and exit code", async () => {
    const run = launch("a", "b c");
    expect(run.stdout).toBe("hello a,b c\n");
    expect(run.status).toBe(3);
    expect(run.fallbackNotes).toBe(0);
    expect(await bundles()).toEqual([(await manifest()).bundle]);
  });

  it("reuses the bundle while nothing changed", async () => {
    // A rebuild would write the same bytes, but through a new file renamed into place.
    const written = async () => {
      const { ino, mtimeMs } = await stat(path.join(bundleDir, "src-cli-hello.json"));
      return { ino, mtimeMs };
    };
    const before = await written();
    const run = launch("again");
    expect(run.stdout).toBe("hello again\n");
    expect(await written()).toEqual(before);
  });

  it("rebuilds when a source file changes", async () => {
    const old = (await manifest()).bundle;
    await writeProjectFile("src/lib/greeting.ts", 'export const greeting: string = "good morning";\n');
    const run = launch("x");
    expect(run.stdout).toBe("good morning x\n");
    expect((await manifest()).bundle).not.toBe(old);
  });

  it("rebuilds when a file is added under src/ or package-lock.json changes", async () => {
    await writeProjectFile("src/lib/unused.ts", "export const unused = 1;\n");
    launch();
    expect(Object.keys((await manifest()).snapshot)).toContain("src/lib/unused.ts");

    const lockBefore = (await manifest()).snapshot["package-lock.json"];
    await writeProjectFile("package-lock.json", JSON.stringify({ name: "fixture", lockfileVersion: 3, packages: {} }));
    expect(launch("y").stdout).toBe("good morning y\n");
    expect((await manifest()).snapshot["package-lock.json"]).not.toEqual(lockBefore);
  });

  it("never runs a bundle that does not match its manifest, and rebuilds it", async () => {
    const bundle = path.join(bundleDir, (await manifest()).bundle);
    await writeFile(bundle, 'console.log("not the bundle that was built");\n');
    expect(launch("z").stdout).toBe("good morning z\n");

    await truncate(bundle, 10);
    expect(launch("t").stdout).toBe("good morning t\n");

    await rm(bundle);
    expect(launch("m").stdout).toBe("good morning m\n");
  });

  it("rebuilds when the manifest is unreadable", async () => {
    await writeFile(path.join(bundleDir, "src-cli-hello.json"), "{torn");
    const run = launch("j");
    expect(run.stdout).toBe("good morning j\n");
    expect(run.status).toBe(3);
    expect((await manifest()).bundle).toMatch(/^src-cli-hello\.[0-9a-f]{12}\.mjs$/);
  });

  it("runs the entry through tsx, saying so once, when it cannot write a bundle", async () => {
    // A file where the bundle folder's parent should be: the folder cannot be created.
    await rm(path.join(project, "node_modules"), { recursive: true, force: true });
    await writeProjectFile("node_modules/.cache/kiji-bot", "not a folder");
    const run = launch("f");
    expect(run.stdout).toBe("good morning f\n");
    expect(run.status).toBe(3);
    expect(run.fallbackNotes).toBe(1);
    await rm(path.join(project, "node_modules"), { recursive: true, force: true });
  });

  it("runs the entry through tsx when esbuild cannot build it", async () => {
    // esbuild refuses an import that does not resolve; tsx resolves imports only when they run.
    await writeProjectFile("src/lib/lazy.ts", 'export const load = (flag: boolean) => (flag ? import("./missing.js") : null);\n');
    await writeProjectFile(
      "src/cli/hello.ts",
      ['import { load } from "../lib/lazy.js";', "console.log(`lazy ${load(false)}`);", ""].join("\n"),
    );
    const run = launch();
    expect(run.stdout).toBe("lazy null\n");
    expect(run.fallbackNotes).toBe(1);
    expect(run.stderr).toContain("missing");
  });
});

describe("npm run ask through the launcher", () => {
  it("answers exactly as the entry run by tsx does", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "kiji-launch-cache-"));
    try {
      const env = { ...process.env, ARTICLES_DIR: "seeds", CACHE_DIR: cacheDir };
      const question = "トランプ大統領はゼレンスキー大統領に何が足りないと言った?";
      const npm = spawnSync("npm", ["run", "--silent", "ask", "--", "--json", question], { encoding: "utf8", env, timeout: 60_000 });
      const tsx = spawnSync(path.resolve("node_modules/.bin/tsx"), ["src/cli/ask.ts", "--json", question], { encoding: "utf8", env, timeout: 60_000 });
      expect(npm.status).toBe(0);
      expect(tsx.status).toBe(0);
      expect(npm.stderr).not.toMatch(FALLBACK_NOTE);
      expect(JSON.parse(npm.stdout)).toMatchObject({ query: question, answered: true });
      expect(npm.stdout).toBe(tsx.stdout);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe("npm start through the launcher", () => {
  it("logs in to a fake Discord, answers a command, and stops cleanly on SIGTERM", async () => {
    const fake = await FakeDiscord.start();
    // An empty working directory, so that no developer's .env is read; the launcher finds the project from the entry.
    const cwd = await mkdtemp(path.join(tmpdir(), "kiji-launch-bot-"));
    const child = spawn(process.execPath, [LAUNCHER, path.resolve("src/bot/main.ts")], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? cwd,
        ARTICLES_DIR: path.resolve("seeds"),
        CACHE_DIR: path.join(cwd, ".cache"),
        DISCORD_TOKEN: "ZmFrZS1ib3Q.fake.token-for-tests",
        DISCORD_CLIENT_ID: IDS.application,
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/ready as .* answering from 2 article\(s\)/.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not get ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { token, payload } = interactionPayload(fake, { command: "sources" });
      fake.dispatch("INTERACTION_CREATE", payload);
      const [reply] = await fake.waitForRequests(token, 1);
      expect((reply!.body as { type: number }).type).toBe(4);
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(output).toContain("SIGTERM: shutting down");
      expect(output).not.toMatch(FALLBACK_NOTE);
    } finally {
      child.kill("SIGKILL");
      await fake.stop();
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

describe("code that runs from a bundle", () => {
  /** Every .ts file under a folder. */
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });

  it("uses import.meta only to resolve packages, which works from the bundle's folder too", () => {
    // A path made from import.meta.url (`new URL("../x", import.meta.url)`) would point inside
    // node_modules/.cache/kiji-bot/bundle/ once bundled: such a file belongs next to the data, found another way.
    const uses = ["src", "commands"].flatMap(sources).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes("import.meta"))
        .map((line) => ({ file, line: line.trim() })),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter(({ line }) => !/^const require = createRequire\(import\.meta\.url\);$/.test(line))).toEqual([]);
  });
});
