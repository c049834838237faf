/**
 * The build (scripts/build.mjs) and the freshness check in front of every npm script (scripts/fresh-dist.mjs),
 * in a small project of their own in a temporary folder: an edited source is never run stale, and an install
 * without dev dependencies (no esbuild) says what to do instead of failing obscurely.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "kiji-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project with our build scripts, one entry point (src/cli/hello.ts) and, if asked, node_modules with esbuild. */
function project(name: string, withEsbuild: boolean): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, "src", "cli"), { recursive: true });
  for (const script of ["build.mjs", "build-inputs.mjs", "fresh-dist.mjs"]) cpSync(path.join(ROOT, "scripts", script), path.join(dir, "scripts", script));
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name, private: true, type: "module", scripts: { hello: "node --import ./scripts/fresh-dist.mjs dist/cli/hello.js" } }),
  );
  writeFileSync(path.join(dir, "src", "lib.ts"), 'export const greeting: string = "hello";\n');
  writeFileSync(path.join(dir, "src", "cli", "hello.ts"), 'import { greeting } from "../lib.js";\nconsole.log(`${greeting} ${process.argv.slice(2).join(",")}`);\n');
  if (withEsbuild) symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** What `npm run hello -- args` runs, without npm. */
const hello = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "./scripts/fresh-dist.mjs", "dist/cli/hello.js", ...args], { cwd: dir, encoding: "utf8" });
const build = (dir: string, ...args: string[]) => spawnSync(process.execPath, ["scripts/build.mjs", ...args], { cwd: dir, encoding: "utf8" });

describe("dist/ and the npm scripts in a working copy", () => {
  const dir = project("dev", true);

  it("builds on the first run, then runs the build as it is", () => {
    const first = hello(dir, "a", "b");
    expect(first.stdout).toBe("hello a,b\n");
    expect(first.stderr).toMatch(/^kiji-bot: built dist\/ in \d+ ms\n$/);
    const second = hello(dir, "c");
    expect(second.stdout).toBe("hello c\n");
    expect(second.stderr).toBe("");
  });

  it("rebuilds when a source changes, is added or is deleted, never running the old code", () => {
    writeFileSync(path.join(dir, "src", "lib.ts"), 'export const greeting: string = "good morning";\n');
    const edited = hello(dir, "x");
    expect(edited.stdout).toBe("good morning x\n");
    expect(edited.stderr).toMatch(/rebuilt dist\/ \(src\/ changed\)/);
    writeFileSync(path.join(dir, "src", "unused.ts"), "export {};\n");
    expect(hello(dir).stderr).toMatch(/rebuilt/);
    rmSync(path.join(dir, "src", "unused.ts"));
    expect(hello(dir).stderr).toMatch(/rebuilt/);
    expect(hello(dir).stderr).toBe("");
  });

  it("rebuilds when package.json changes, not when npm writes it again unchanged (npm prune does)", () => {
    const file = path.join(dir, "package.json");
    const text = readFileSync(file, "utf8");
    const later = new Date(Date.now() + 5_000);
    writeFileSync(file, text);
    utimesSync(file, later, later);
    expect(hello(dir).stderr).toBe("");
    writeFileSync(file, text.replace('"private":true', '"private":true,"version":"1.0.1"'));
    expect(hello(dir).stderr).toMatch(/rebuilt/);
  });

  it("says where a build error is and runs nothing", () => {
    writeFileSync(path.join(dir, "src", "lib.ts"), "export const greeting: string = ;\n");
    const broken = hello(dir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(/^kiji-bot: cannot build dist\/: src\/lib\.ts:1: /);
    writeFileSync(path.join(dir, "src", "lib.ts"), 'export const greeting: string = "hello";\n');
    expect(hello(dir).stdout).toBe("hello \n");
  });

  it("npm run build builds every entry point that a script runs from dist/", () => {
    const result = build(dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^kiji-bot: built 1 entry points into dist\/ in \d+ ms\n$/);
  });
});

describe("an install without dev dependencies (no esbuild)", () => {
  it("prepare says dist/ was not built and succeeds; running then says how to build it", () => {
    const dir = project("prod", false);
    const prepare = build(dir, "--prepare");
    expect(prepare.status).toBe(0);
    expect(prepare.stderr).toContain("esbuild is not installed");
    expect(build(dir).status).toBe(1);
    const run = hello(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("dist/ is not built and esbuild is not installed. Run `npm ci && npm run build`");
  });

  it("runs a built dist/ as it is, warning when src/ changed since, and without src/ at all (an image)", () => {
    const dir = project("pruned", true);
    expect(build(dir).status).toBe(0);
    rmSync(path.join(dir, "node_modules"));
    expect(hello(dir, "x")).toMatchObject({ status: 0, stdout: "hello x\n", stderr: "" });
    writeFileSync(path.join(dir, "src", "lib.ts"), 'export const greeting: string = "changed";\n');
    const stale = hello(dir, "y");
    expect(stale.stdout).toBe("hello y\n");
    expect(stale.stderr).toMatch(/warning: src\/ changed since dist\/ was built.*running the old build/);
    rmSync(path.join(dir, "src"), { recursive: true });
    expect(hello(dir, "z")).toMatchObject({ status: 0, stdout: "hello z\n", stderr: "" });
  });
});
