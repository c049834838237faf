/** /summary [article]: each article's conclusions, or its lead and central sentences when it has none. */
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import { rankArticles } from "../src/answers/article-names.js";
import { summarize } from "../src/answers/summary.js";
import type { CommandContext } from "../src/bot/context.js";
import { replyWithLibrary, sendChoices } from "../src/bot/reply.js";
import { renderArticleChoices } from "../src/render/discord/choices.js";
import { renderSummaryDiscord } from "../src/render/discord/summary.js";
import { localeOf } from "../src/render/i18n.js";

export const data = new SlashCommandBuilder()
  .setName("summary")
  .setDescription("Summarise an article (or every article): its conclusions, else its key sentences")
  .setDescriptionLocalizations({ ja: "記事の要約(結論、なければ本文の要点)。省略するとすべての記事" })
  .addStringOption((option) =>
    option
      .setName("article")
      .setDescription("The article to summarise (default: all)")
      .setDescriptionLocalizations({ ja: "要約する記事(省略するとすべて)" })
      .setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const article = interaction.options.getString("article");
  await replyWithLibrary(interaction, context, {}, (library) => renderSummaryDiscord(summarize(library, { article }), localeOf(interaction.locale)));
}

/** Answered from memory, never deferred: Discord gives autocomplete no second chance. */
export async function autocomplete(interaction: AutocompleteInteraction, context: CommandContext): Promise<void> {
  const library = context.library.current();
  await sendChoices(interaction, library ? renderArticleChoices(rankArticles(library.articles, interaction.options.getFocused())) : []);
}
