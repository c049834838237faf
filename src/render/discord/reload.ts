/**
 * The /reload reply: how many articles are served now, and which were added, changed and removed (article
 * ids, quoted inert, cut to fit one embed), plus how many files were skipped.
 */
import { wordsFor, type Locale } from "../i18n.js";
import { COLORS } from "./format.js";
import { LIMITS } from "./limits.js";
import { quoteText } from "./markdown.js";
import type { DiscordMessage } from "./types.js";

export interface ReloadSummary {
  added: string[];
  changed: string[];
  removed: string[];
  warnings: readonly unknown[];
  articleCount: number;
  ms: number;
}

/** At most this many ids per list, each cut to ID_LENGTH, so a list always fits a field (1,024). */
const LISTED = 12;
const ID_LENGTH = 70;

export function renderReloadDiscord(report: ReloadSummary, locale: Locale): DiscordMessage {
  const words = wordsFor(locale);
  const fields = (
    [
      [words.reloadAdded, report.added],
      [words.reloadChanged, report.changed],
      [words.reloadRemoved, report.removed],
    ] as const
  )
    .filter(([, ids]) => ids.length > 0)
    .map(([name, ids]) => ({ name: `${name} (${ids.length})`, value: listIds(ids) }));
  const lines = [words.reloadSummary(report.articleCount, Math.round(report.ms))];
  if (fields.length === 0) lines.push(words.reloadNoChanges);
  if (report.warnings.length) lines.push(words.reloadWarnings(report.warnings.length));
  return { embeds: [{ title: words.reloadTitle, description: lines.join("\n"), color: COLORS.info, ...(fields.length ? { fields } : {}) }] };
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, LISTED).map((id) => `• ${quoteText(id, ID_LENGTH)}`);
  if (ids.length > LISTED) shown.push(`… +${ids.length - LISTED}`);
  return shown.join("\n").slice(0, LIMITS.fieldValue);
}
