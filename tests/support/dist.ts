/**
 * The built entry points that the terminal-command and process tests run, as `npm run ...` and `npm start`
 * do: `node dist/...`. tests/support/global-setup.ts builds dist/ once, before any test, when src/ changed.
 */
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `dist/cli/ask.js` for "cli/ask": the file an npm script runs. */
export const distEntry = (entry: string): string => path.join(ROOT, "dist", `${entry}.js`);
