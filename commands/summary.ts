/** /summary [article]: each article's conclusions, or its lead and central sentences when it has none. */
import { SlashCommandBuilder } from "discord.js";
import { rankArticles } from "../src/answers/article-names.js";
import { summarize } from "../src/answers/summary.js";
import { renderArticleChoices } from "../src/render/discord/choices.js";
import { renderSummaryDiscord } from "../src/render/discord/summary.js";
import { stringOption } from "./options.js";
import type { AutocompleteTools, CommandTools, OptionValues } from "./types.js";

export const definition = new SlashCommandBuilder()
  .setName("summary")
  .setNameLocalizations({ ja: "要約" })
  .setDescription("Summarise an article (or every article): its conclusions, else its key sentences")
  .setDescriptionLocalizations({ ja: "記事の要約(結論、なければ本文の要点)。省略するとすべての記事" })
  .addStringOption((option) =>
    option
      .setName("article")
      .setNameLocalizations({ ja: "記事" })
      .setDescription("The article to summarise (default: all)")
      .setDescriptionLocalizations({ ja: "要約する記事(省略するとすべて)" })
      .setAutocomplete(true),
  )
  .toJSON();

export async function execute(options: OptionValues, { library, reply, caller, compute }: CommandTools): Promise<void> {
  const article = stringOption(options, "article");
  await reply.send(await compute(() => renderSummaryDiscord(summarize(library, { article }), caller.locale)));
}

/** Answered from memory, never deferred: Discord gives autocomplete no second chance. */
export function autocomplete(focused: { name: string; value: string }, { library }: AutocompleteTools) {
  return library ? renderArticleChoices(rankArticles(library.articles, focused.value)) : [];
}
