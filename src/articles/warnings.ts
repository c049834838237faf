/**
 * Loader warnings as a summary shows them (`npm run ask`, `summary`, `sources`, `index`, the bot's log): one line
 * per distinct message, so a folder of hundreds of files with the same caveat gives one line, not hundreds.
 * `npm run articles` still lists every file's warnings one by one.
 */
import type { LoadWarning } from "./model.js";

/** File names shown in a grouped line before "and N more". */
const NAMES_SHOWN = 3;

/** `file: message` for a warning of one file; `N files: message (a, b, c and N-3 more)` for a shared one. */
export function summarizeWarnings(warnings: readonly LoadWarning[]): string[] {
  const byMessage = new Map<string, string[]>();
  for (const { file, message } of warnings) {
    const files = byMessage.get(message);
    if (files) files.push(file);
    else byMessage.set(message, [file]);
  }
  return [...byMessage].map(([message, files]) => {
    if (files.length === 1) return `${files[0]}: ${message}`;
    const shown = files.slice(0, NAMES_SHOWN).join(", ");
    const more = files.length > NAMES_SHOWN ? ` and ${files.length - NAMES_SHOWN} more; npm run articles lists each` : "";
    return `${files.length} files: ${message} (${shown}${more})`;
  });
}
