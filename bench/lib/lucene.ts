/**
 * Finds Java and the Lucene 8 jars for the side-by-side runs, and compiles bench/lucene/Bench.java once per
 * bench run (a single-file source launch, `java -cp JARS bench/lucene/Bench.java`, compiles on every start: ~1 s
 * that has nothing to do with Lucene, so the timed runs start the compiled class instead).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

export const INSTALL_HINT =
  "Lucene side skipped: install Java and Lucene 8 with `npm run bench:setup` (Debian/Ubuntu: apt-get install " +
  "liblucene8-java default-jdk-headless), or set LUCENE_JARS to the lucene-core, lucene-analyzers-common and " +
  "lucene-analyzers-kuromoji jars joined with ':'.";

export interface LuceneSetup {
  java: string;
  classpath: string;
  /** e.g. `8.7.0`, from the core jar's name. */
  version: string | null;
  javaVersion: string;
}

const JAR_DIRS = ["/usr/share/java"];
const NEEDED = ["lucene-core", "lucene-analyzers-common", "lucene-analyzers-kuromoji"];

function findJars(): string[] | null {
  if (process.env.LUCENE_JARS) {
    const jars = process.env.LUCENE_JARS.split(path.delimiter).filter(Boolean);
    return jars.every((jar) => existsSync(jar)) ? jars : null;
  }
  for (const dir of JAR_DIRS) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir);
    const jars = NEEDED.map((prefix) => {
      // Versioned 8.x jars first (lucene-core-8.7.0.jar), then Debian's unversioned links.
      const match = names.filter((name) => new RegExp(`^${prefix}-8[\\d.]*\\.jar$`).test(name)).sort().pop() ?? names.find((name) => name === `${prefix}.jar`);
      return match ? path.join(dir, match) : null;
    });
    if (jars.every((jar): jar is string => jar !== null)) return jars;
  }
  return null;
}

/** Java and the jars, or the reason the Lucene side cannot run. */
export function findLucene(): LuceneSetup | { missing: string } {
  const java = spawnVersion("java");
  if (java === null) return { missing: "no `java` on PATH" };
  if (spawnVersion("javac") === null) return { missing: "no `javac` on PATH (a JDK is needed, not only a JRE)" };
  const jars = findJars();
  if (!jars) return { missing: "the Lucene 8 jars (lucene-core, lucene-analyzers-common, lucene-analyzers-kuromoji) were not found" };
  const version = /lucene-core-([\d.]+)\.jar$/.exec(jars[0]!)?.[1] ?? null;
  return { java: "java", classpath: jars.join(path.delimiter), version, javaVersion: java.split("\n")[0] ?? java };
}

/** `java -version` prints on stderr and exits 0; execFileSync returns stdout only, so capture both. */
function spawnVersion(command: string): string | null {
  try {
    const result = execFileSync("sh", ["-c", `${command} -version 2>&1`], { encoding: "utf8" });
    return result.trim();
  } catch {
    return null;
  }
}

/** Compiles Bench.java into `outDir`; returns the classpath to run `Bench` with. */
export async function compileBench(setup: LuceneSetup, options: { source: string; outDir: string }): Promise<string> {
  await mkdir(options.outDir, { recursive: true });
  execFileSync("javac", ["-encoding", "UTF-8", "-cp", setup.classpath, "-d", options.outDir, options.source], { stdio: ["ignore", "ignore", "inherit"] });
  return [options.outDir, setup.classpath].join(path.delimiter);
}

