/**
 * Runs once before every test file: builds dist/ when a source changed since the last build (or there is
 * none), so that every test that starts a process runs the current code, and none builds it on its own.
 */
import { distState } from "../../scripts/build-inputs.mjs";
import { build } from "../../scripts/build.mjs";

export default async function setup(): Promise<void> {
  if (distState() !== "fresh") await build();
}
