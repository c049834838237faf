/** /ask question:<text> [top:1-5] [hide:true]: the passages of the articles that answer the question. */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { ask } from "../src/answers/ask.js";
import type { CommandContext } from "../src/bot/context.js";
import { replyWithLibrary } from "../src/bot/reply.js";
import { renderAskDiscord } from "../src/render/discord/ask.js";
import { localeOf } from "../src/render/i18n.js";

export const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask the articles a question: the answer quotes them, with links to their sources")
  .setDescriptionLocalizations({ ja: "記事に質問します。答えとなる箇所を出典へのリンク付きで引用します" })
  .addStringOption((option) =>
    option
      .setName("question")
      .setDescription("Your question, e.g. 何が対立を招いた?")
      .setDescriptionLocalizations({ ja: "質問(例: 何が対立を招いた?)" })
      .setRequired(true)
      .setMaxLength(300),
  )
  .addIntegerOption((option) =>
    option
      .setName("top")
      .setDescription("How many passages to quote (1-5, default 3)")
      .setDescriptionLocalizations({ ja: "引用する箇所の数(1〜5、既定は3)" })
      .setMinValue(1)
      .setMaxValue(5),
  )
  .addBooleanOption((option) =>
    option
      .setName("hide")
      .setDescription("Show the answer to you only")
      .setDescriptionLocalizations({ ja: "答えを自分だけに表示する" }),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const question = interaction.options.getString("question", true);
  const top = interaction.options.getInteger("top") ?? undefined;
  const ephemeral = interaction.options.getBoolean("hide") ?? false;
  await replyWithLibrary(interaction, context, { ephemeral }, (library) =>
    renderAskDiscord(ask(library, question, { top }), localeOf(interaction.locale)),
  );
}
