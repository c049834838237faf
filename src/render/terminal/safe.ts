/**
 * What may reach a terminal. Questions, article text and file names can carry escape sequences that clear the
 * screen, recolour text or retitle the window; every terminal renderer and command prints through these.
 */
import { cleanText } from "../../articles/text.js";

/** A text with escape sequences, control characters (but newline and tab) and bidi overrides removed. */
export function terminalText(text: string): string {
  return cleanText(text);
}

/** Every string inside a value (an answer, a listing) made terminal-safe; the shape is unchanged. */
export function terminalSafe<T>(value: T): T {
  if (typeof value === "string") return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((item) => terminalSafe(item)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, terminalSafe(item)])) as T;
  }
  return value;
}

/**
 * JSON for stdout. JSON.stringify escapes C0 controls and lone surrogates but not DEL, C1 controls (U+009B is a
 * CSI to some terminals) or bidi overrides: those are written as `\uXXXX` too, so the value is the same and
 * nothing in it acts on a terminal.
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
