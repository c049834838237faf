/** The /reload reply: what changed, within one embed's limits however much changed. */
import { describe, expect, it } from "vitest";
import { embedLength, LIMITS } from "../../src/render/discord/limits.js";
import { renderReloadDiscord } from "../../src/render/discord/reload.js";
import { WORDS } from "../../src/render/i18n.js";

describe("the /reload reply", () => {
  it("lists added, changed and removed article ids, and says when nothing changed", () => {
    const report = { added: ["a_1"], changed: [], removed: ["r_1", "r_2"], warnings: [{ file: "x.md", message: "bad" }], articleCount: 12, ms: 431.6 };
    const [embed] = renderReloadDiscord(report, "en").embeds;
    expect(embed!.description).toBe(["12 articles (432 ms)", "1 file was skipped (see the log)."].join("\n"));
    expect(embed!.fields).toEqual([
      { name: "Added (1)", value: "• a\\_1" },
      { name: "Removed (2)", value: "• r\\_1\n• r\\_2" },
    ]);
    const [quiet] = renderReloadDiscord({ ...report, added: [], removed: [], warnings: [] }, "ja").embeds;
    expect(quiet!.description).toContain(WORDS.ja.reloadNoChanges);
    expect(quiet!.fields).toBeUndefined();
  });

  it("stays within a field's 1,024 characters and the embed total with thousands of long ids", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(4, "0")}_${"長い記事名".repeat(40)}`);
    const [embed] = renderReloadDiscord({ added: ids, changed: ids, removed: ids, warnings: [], articleCount: 3000, ms: 9000 }, "en").embeds;
    for (const field of embed!.fields!) {
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value).toMatch(/… \+2988$/);
    }
    expect(embedLength(embed!)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});
