/**
 * Loaded before an npm script's entry point (`node --import ./scripts/fresh-dist.mjs dist/cli/ask.js`), so a
 * developer who edited src/ never runs a stale dist/: when a source changed since the last build (or there is
 * no build), it builds first, in about a second, and says so on stderr. Checking costs a few stat calls.
 * Without esbuild (a production install), a stale dist/ runs with a warning and a missing one is an error.
 * In production, run `node dist/...` directly: this check is for the npm scripts of a working copy.
 */
import { distState } from "./build-inputs.mjs";

// Stack traces appear only at LOG_LEVEL=debug: load the source maps only then.
if (/^\s*debug\s*$/i.test(process.env.LOG_LEVEL ?? "")) process.setSourceMapsEnabled(true);

const state = distState();
if (state !== "fresh") {
  // build.mjs loads esbuild only when it builds, so this import works without dev dependencies.
  const tools = await import("./build.mjs");
  try {
    const { ms } = await tools.build();
    console.error(`kiji-bot: ${state === "missing" ? "built dist/" : "rebuilt dist/ (src/ changed)"} in ${ms} ms`);
  } catch (error) {
    if (!tools.esbuildMissing(error)) {
      console.error(`kiji-bot: cannot build dist/: ${tools.reasonOf(error)}`);
      process.exit(1);
    }
    if (state === "missing") {
      console.error("kiji-bot: dist/ is not built and esbuild is not installed. Run `npm ci && npm run build` (see docs/deploy.md).");
      process.exit(1);
    }
    console.error("kiji-bot: warning: src/ changed since dist/ was built, and esbuild is not installed to rebuild it; running the old build. Run `npm ci && npm run build`.");
  }
}
