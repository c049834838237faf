/**
 * Creating the database's folder and its parents, synchronously (opening the store is synchronous). Node's
 * own `mkdirSync(dir, { recursive: true })` spins forever when a parent refuses with ENOENT (a path under
 * /proc, say); this walks up once per level and gives up with the error.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

export function ensureDirectorySync(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw error;
    ensureDirectorySync(parent);
    try {
      mkdirSync(dir);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "EEXIST") throw again;
    }
  }
}
