/**
 * The word lists in data/words/: words separated by white space, one group a line where groups matter; `#`
 * starts a comment, and each file's first lines say what the list is for and where its words come from.
 */
import { readFileSync } from "node:fs";
import { dataFile } from "./data-files.js";

/** The non-empty lines of data/words/NAME.txt, each as its words. */
export function readWordLines(name: string): string[][] {
  const file = dataFile(`words/${name}.txt`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`the word list ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); it ships with kiji-bot in data/words/`);
  }
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "")
    .map((line) => line.split(/\s+/));
}

/** Every word of data/words/NAME.txt, in order. */
export function readWords(name: string): string[] {
  return readWordLines(name).flat();
}
