/** Typed reads of a command's option values, as Discord sent them (a value of the wrong type reads as absent). */
import type { OptionValues } from "./types.js";

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === "string" ? value : undefined;
}

export function integerOption(options: OptionValues, name: string): number | undefined {
  const value = options.get(name);
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function booleanOption(options: OptionValues, name: string): boolean | undefined {
  const value = options.get(name);
  return typeof value === "boolean" ? value : undefined;
}
