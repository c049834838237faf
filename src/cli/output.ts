/**
 * How the terminal commands write: every line that may hold a file name, an article's words or a question
 * passes through terminalText, so nothing read from the articles folder acts on the terminal.
 */
import { terminalText } from "../render/terminal/safe.js";

/** A line (or lines) on stdout. */
export function print(text: string): void {
  console.log(terminalText(text));
}

/** A line (or lines) on stderr: warnings, notes, errors. */
export function warn(text: string): void {
  console.error(terminalText(text));
}
