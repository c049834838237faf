/** /sources [article]: the articles, their sections and every source they cite. */
import { SlashCommandBuilder } from "discord.js";
import { rankArticles } from "../src/answers/article-names.js";
import { listSources } from "../src/answers/sources.js";
import { renderArticleChoices } from "../src/render/discord/choices.js";
import { renderSourcesDiscord } from "../src/render/discord/sources.js";
import { stringOption } from "./options.js";
import type { AutocompleteTools, CommandTools, OptionValues } from "./types.js";

export const definition = new SlashCommandBuilder()
  .setName("sources")
  .setNameLocalizations({ ja: "出典" })
  .setDescription("List the articles, their sections and every source they cite")
  .setDescriptionLocalizations({ ja: "記事とそのセクション、引用している出典の一覧" })
  .addStringOption((option) =>
    option
      .setName("article")
      .setNameLocalizations({ ja: "記事" })
      .setDescription("Only this article (default: all)")
      .setDescriptionLocalizations({ ja: "この記事だけ(省略するとすべて)" })
      .setAutocomplete(true),
  )
  .toJSON();

export async function execute(options: OptionValues, { library, reply, caller, compute }: CommandTools): Promise<void> {
  const article = stringOption(options, "article");
  await reply.send(await compute(() => renderSourcesDiscord(listSources(library.articles, { article }), caller.locale)));
}

/** Answered from memory, never deferred: Discord gives autocomplete no second chance. */
export function autocomplete(focused: { name: string; value: string }, { library }: AutocompleteTools) {
  return library ? renderArticleChoices(rankArticles(library.articles, focused.value)) : [];
}
