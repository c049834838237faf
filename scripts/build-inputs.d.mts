/** Types of build-inputs.mjs, for the tests that import it. */
export type DistState = "fresh" | "stale" | "missing";
export const ROOT: string;
export const DIST: string;
export const BUILD_INFO: string;
export function snapshot(root?: string): Record<string, [number, number] | [string] | null>;
export function distState(root?: string): DistState;
export function entryPoints(root?: string): string[];
