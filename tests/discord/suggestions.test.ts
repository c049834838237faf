/**
 * /ask's suggestions across a reload: the new library's suggester is built after the keystroke that finds it
 * missing, and until then the previous one answers, so autocomplete never waits for a build.
 */
import { describe, expect, it } from "vitest";
import type { Library } from "../../src/answers/library.js";
import { botContext } from "../../src/bot/start.js";
import { createLogger } from "../../src/bot/log.js";
import { loadSeedArticles } from "./seed-fixtures.js";

describe("question suggestions", () => {
  it("are built when the library is ready, and rebuilt in the background for a reloaded one", async () => {
    const articles = await loadSeedArticles();
    const first = { articles } as unknown as Library;
    const second = { articles: articles.slice(0, 1) } as unknown as Library;
    const built: Library[] = [];
    let current = first;
    const context = botContext({
      library: { current: () => current, ready: Promise.resolve(first) },
      logger: createLogger("error", () => {}),
      suggester: (library) => (built.push(library), { suggest: () => [library === first ? "from the first" : "from the second"] }),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(built).toEqual([first]);
    expect(context.suggesterFor!(first)!.suggest("")).toEqual(["from the first"]);
    current = second;
    // The keystroke after the reload: answered at once by the previous suggestions.
    expect(context.suggesterFor!(second)!.suggest("")).toEqual(["from the first"]);
    expect(context.suggesterFor!(second)!.suggest("")).toEqual(["from the first"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(built).toEqual([first, second]);
    expect(context.suggesterFor!(second)!.suggest("")).toEqual(["from the second"]);
  });
});
