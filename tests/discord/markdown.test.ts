/** Quoted text stays inert on Discord: no markdown, no mentions, and escaping never breaks a limit. */
import { describe, expect, it } from "vitest";
import { escapeMarkdown, markdownLink, neutraliseMentions, quoteText } from "../../src/render/discord/markdown.js";

describe("escapeMarkdown", () => {
  it("escapes inline markdown characters", () => {
    expect(escapeMarkdown("**太字** _斜体_ ~~消し~~ `code` ||spoiler|| [link](https://x.jp)")).toBe(
      "\\*\\*太字\\*\\* \\_斜体\\_ \\~\\~消し\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[link\\](https://x.jp)",
    );
  });

  it("leaves _, * and ~ inside a web address alone, so the link Discord makes of it still works", () => {
    expect(escapeMarkdown("出典 ／ https://www.tsr-net.co.jp/data/detail/1201876_1527.html ／ _注_")).toBe(
      "出典 ／ https://www.tsr-net.co.jp/data/detail/1201876_1527.html ／ \\_注\\_",
    );
    expect(escapeMarkdown("https://x.jp/a|b`c")).toBe("https://x.jp/a\\|b\\`c");
  });

  it("escapes backslashes first, so an escape in the text cannot unescape anything", () => {
    expect(escapeMarkdown("\\*")).toBe("\\\\\\*");
  });

  it("escapes line-start markdown: headings, subtext, quotes, lists", () => {
    expect(escapeMarkdown("# 見出し\n## 小見出し\n-# 注\n> 引用\n- 項目\n1. 番号")).toBe(
      "\\# 見出し\n\\## 小見出し\n\\-# 注\n\\> 引用\n\\- 項目\n1\\. 番号",
    );
  });

  it("leaves Japanese text and mid-line symbols that are not markdown alone", () => {
    const text = "2月28日、トランプ氏は「失礼だ」と述べた。5,000億ドル - 2025/03/02";
    expect(escapeMarkdown(text)).toBe(text);
  });

  it("escapes mention, channel, role and timestamp syntax", () => {
    expect(escapeMarkdown("<@123456789012345678> <@&1> <#2> <t:1:R> </ask:3>")).toBe("\\<@123456789012345678\\> \\<@&1\\> \\<#2\\> \\<t:1:R\\> \\</ask:3\\>");
  });
});

describe("neutraliseMentions", () => {
  it("breaks @everyone and @here in any case", () => {
    const out = neutraliseMentions("@everyone @here @Everyone こんにちは@here");
    expect(out).not.toMatch(/@(everyone|here)/i);
    expect(out.replaceAll("\u200b", "")).toBe("@everyone @here @Everyone こんにちは@here");
  });
});

describe("quoteText", () => {
  it("fits the limit after escaping, however much escaping grows the text", () => {
    for (const max of [1, 10, 100, 1024]) {
      const out = quoteText("*_".repeat(2000), max);
      expect(out.length).toBeLessThanOrEqual(max);
    }
    expect(quoteText("**強調**", 100)).toBe("\\*\\*強調\\*\\*");
  });

  it("is escaped and mention-free", () => {
    const out = quoteText("@everyone **見て** <@1234567890123456>", 200);
    expect(out).not.toMatch(/@everyone|(?<!\\)\*|(?<!\\)</u);
  });
});

describe("markdownLink", () => {
  it("keeps a link with parentheses and spaces intact", () => {
    expect(markdownLink("公式サイト(フォーブス)", "https://example.com/a_(b) c")).toBe("[公式サイト(フォーブス)](https://example.com/a_%28b%29%20c) (example.com)");
  });
  it("escapes the label", () => {
    expect(markdownLink("[x](y)", "https://e.jp")).toBe("[\\[x\\](y)](https://e.jp) (e.jp)");
  });
  it("shows the link's real host beside a label the article chose, unless the label is the host", () => {
    expect(markdownLink("日本経済新聞", "https://evil.example/login")).toBe("[日本経済新聞](https://evil.example/login) (evil.example)");
    expect(markdownLink("日本経済新聞(公式)", "https://www.nikkei.com.evil.example/x")).toBe("[日本経済新聞(公式)](https://www.nikkei.com.evil.example/x) (www.nikkei.com.evil.example)");
    // An internationalised host as it really resolves, so look-alike letters cannot pass for another site.
    expect(markdownLink("ニュース", "https://nikkеi.com/a")).toContain("(xn--");
    expect(markdownLink("example.jp", "https://www.example.jp/a")).toBe("[example.jp](https://www.example.jp/a)");
  });
});
