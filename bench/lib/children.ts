/**
 * Runs one measured child process: wall time to its first stdout byte and to its exit, its output, and the peak
 * RSS of the largest process in its tree (GNU time's %M, which reads the children's rusage: for
 * `npm run ask` that is the node process running kiji-bot, not npm).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = existsSync(GNU_TIME);

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to the first byte on stdout (null when it printed nothing). */
  firstOutputMs: number | null;
  totalMs: number;
  /** Peak RSS of the largest process of the tree, in bytes; null without GNU time. */
  peakRssBytes: number | null;
}

export interface ChildOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Echo the child's stderr as it comes (long builds show their progress). */
  echoStderr?: boolean;
}

export async function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildRun> {
  const scratch = hasGnuTime ? await mkdtemp(path.join(tmpdir(), "kiji-bench-")) : null;
  const rssFile = scratch ? path.join(scratch, "rss") : null;
  const [file, argv] = rssFile ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, args];
  const started = performance.now();
  let firstOutputMs: number | null = null;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const child = spawn(file, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => {
    firstOutputMs ??= performance.now() - started;
    stdout.push(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr.push(chunk);
    if (options.echoStderr) process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  const totalMs = performance.now() - started;
  let peakRssBytes: number | null = null;
  if (rssFile && scratch) {
    const kb = Number((await readFile(rssFile, "utf8").catch(() => "")).trim().split("\n").pop());
    peakRssBytes = Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
    await rm(scratch, { recursive: true, force: true });
  }
  return { code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), firstOutputMs, totalMs, peakRssBytes };
}

/** The JSON object on the last non-empty stdout line of a child, or an error naming the command. */
export function lastJson<T>(run: ChildRun, what: string): T {
  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    if (run.code !== 0) throw new Error(`exit code ${run.code}`);
    return JSON.parse(line) as T;
  } catch (error) {
    const tail = run.stderr.trim().split("\n").slice(-8).join("\n");
    throw new Error(`${what} failed (${(error as Error).message})${tail ? `:\n${tail}` : ""}`);
  }
}
