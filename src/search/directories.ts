/**
 * Creating a folder and its parents. Node's own `mkdir(dir, { recursive: true })` spins forever when a parent
 * refuses with ENOENT (a CACHE_DIR under /proc, say); this walks up once per level and gives up with the error.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

export async function ensureDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw error;
    await ensureDirectory(parent);
    try {
      await mkdir(dir);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "EEXIST") throw again;
    }
  }
}
