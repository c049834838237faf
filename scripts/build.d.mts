/** Types of build.mjs, for the tests that import it. */
export function build(): Promise<{ entries: string[]; ms: number }>;
export function reasonOf(error: unknown): string;
export function esbuildMissing(error: unknown): boolean;
