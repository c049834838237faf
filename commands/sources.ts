/** /sources [article]: the articles, their sections and every source they cite. */
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import { rankArticles } from "../src/answers/article-names.js";
import { listSources } from "../src/answers/sources.js";
import type { CommandContext } from "../src/bot/context.js";
import { replyWithLibrary, sendChoices } from "../src/bot/reply.js";
import { renderArticleChoices } from "../src/render/discord/choices.js";
import { renderSourcesDiscord } from "../src/render/discord/sources.js";
import { localeOf } from "../src/render/i18n.js";

export const data = new SlashCommandBuilder()
  .setName("sources")
  .setDescription("List the articles, their sections and every source they cite")
  .setDescriptionLocalizations({ ja: "記事とそのセクション、引用している出典の一覧" })
  .addStringOption((option) =>
    option
      .setName("article")
      .setDescription("Only this article (default: all)")
      .setDescriptionLocalizations({ ja: "この記事だけ(省略するとすべて)" })
      .setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const article = interaction.options.getString("article");
  await replyWithLibrary(interaction, context, {}, (library) =>
    renderSourcesDiscord(listSources(library.articles, { article }), localeOf(interaction.locale)),
  );
}

export async function autocomplete(interaction: AutocompleteInteraction, context: CommandContext): Promise<void> {
  const library = context.library.current();
  await sendChoices(interaction, library ? renderArticleChoices(rankArticles(library.articles, interaction.options.getFocused())) : []);
}
