/**
 * `npm run articles [-- --json]`: what the loader read from ARTICLES_DIR, per article and in total, with every
 * warning, so that a user who drops in a file sees at once how it was understood.
 */
import { loadArticles } from "../articles/load.js";
import type { Article, LoadResult } from "../articles/model.js";
import { loadConfig } from "../config.js";
import { terminalJson } from "../render/terminal/safe.js";
import { print } from "./output.js";
import { runCli, UsageError } from "./run.js";

const USAGE = "usage: npm run articles [-- --json]";

runCli(async (args) => {
  const unknown = args.filter((arg) => arg !== "--json");
  if (unknown.length) throw new UsageError(`kiji-bot: unknown argument ${unknown[0]}`);
  const config = loadConfig();
  const result = await loadArticles(config.articlesDir);
  if (args.includes("--json")) console.log(terminalJson({ articles: result.articles, warnings: result.warnings }, 2));
  else print(describe(config.articlesDir, result));
  return result.articles.length ? 0 : 1;
}, USAGE);

function describe(dir: string, { articles, warnings }: LoadResult): string {
  const lines = [`Articles in ${dir}`, ""];
  for (const article of articles) lines.push(...describeArticle(article), "");
  const sections = articles.reduce((n, a) => n + a.sections.length, 0);
  const sources = articles.reduce((n, a) => n + a.sections.reduce((m, s) => m + s.sources.length, 0), 0);
  const paragraphs = articles.reduce((n, a) => n + a.sections.reduce((m, s) => m + s.paragraphs.length, 0), 0);
  lines.push([count(articles.length, "article"), count(sections, "section"), count(paragraphs, "paragraph"), count(sources, "source"), count(warnings.length, "warning")].join(", "));
  for (const warning of warnings) lines.push(`  warning: ${warning.file}: ${warning.message}`);
  return lines.join("\n");
}

function describeArticle(article: Article): string[] {
  const lines = [`${article.id}  ${article.title}`];
  if (article.url) lines.push(`  link: ${article.url}`);
  article.sections.forEach((section, i) => {
    lines.push(`  ${i + 1}. ${section.heading}`);
    if (section.question) lines.push(`     Q: ${section.question}  A: ${section.answer ?? "-"}`);
    lines.push(`     ${count(section.paragraphs.length, "paragraph")}, ${count(section.sources.length, "source")}`);
    for (const source of section.sources)
      lines.push(`       - ${[source.publisher ?? "(no publisher)", source.publishedAt, source.url ?? "(no link)"].filter(Boolean).join("  ")}`);
  });
  lines.push(`  conclusions: ${article.conclusions.length}`);
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
