/**
 * /ask question:<text> [top:1-5] [hide:true]: the passages of the articles that answer the question, with
 * buttons to show more passages (the asker) and to vote 👍 / 👎 (anyone). The question autocompletes from
 * suggested questions.
 */
import { SlashCommandBuilder } from "discord.js";
import { ask, DEFAULT_TOP, MAX_TOP } from "../src/answers/ask.js";
import type { AskAnswer, QuotedPassage } from "../src/answers/model.js";
import { renderAskDiscord } from "../src/render/discord/ask.js";
import { parseAnswerButtonId, renderAnswerButtons } from "../src/render/discord/buttons.js";
import { LIMITS } from "../src/render/discord/limits.js";
import { renderNoticeDiscord } from "../src/render/discord/notices.js";
import { wordsFor } from "../src/render/i18n.js";
import { booleanOption, integerOption, stringOption } from "./options.js";
import type { AutocompleteTools, CommandTools, OptionValues, Outcome, ShownAnswer } from "./types.js";

export const definition = new SlashCommandBuilder()
  .setName("ask")
  .setNameLocalizations({ ja: "質問" })
  .setDescription("Ask the articles a question: the answer quotes them, with links to their sources")
  .setDescriptionLocalizations({ ja: "記事に質問します。答えとなる箇所を出典へのリンク付きで引用します" })
  .addStringOption((option) =>
    option
      .setName("question")
      .setNameLocalizations({ ja: "質問" })
      .setDescription("Your question, e.g. 何が対立を招いた?")
      .setDescriptionLocalizations({ ja: "質問(例: 何が対立を招いた?)" })
      .setRequired(true)
      .setMaxLength(300)
      .setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option
      .setName("top")
      .setNameLocalizations({ ja: "件数" })
      .setDescription("How many passages to quote (1-5, default 3)")
      .setDescriptionLocalizations({ ja: "引用する箇所の数(1〜5、既定は3)" })
      .setMinValue(1)
      .setMaxValue(5),
  )
  .addBooleanOption((option) =>
    option
      .setName("hide")
      .setNameLocalizations({ ja: "非表示" })
      .setDescription("Show the answer to you only")
      .setDescriptionLocalizations({ ja: "答えを自分だけに表示する" }),
  )
  .toJSON();

export const cooldown = true;

export function ephemeral(options: OptionValues): boolean {
  return booleanOption(options, "hide") ?? false;
}

export async function execute(options: OptionValues, tools: CommandTools): Promise<Outcome> {
  const question = stringOption(options, "question") ?? "";
  const top = Math.min(MAX_TOP, Math.max(1, integerOption(options, "top") ?? DEFAULT_TOP));
  const { answer, hasMore } = await tools.compute(() => page(tools, question, 0, top));
  const { locale, userId } = tools.caller;
  if (answer.kind === "invalid") {
    await tools.reply.send(renderAskDiscord(answer, locale), { ephemeral: true });
    return "declined";
  }
  // The question as understood (escape codes and control characters dropped): it is shown again, in reports and suggestions.
  const answerId = tools.feedback.recordAnswer(shown(answer.query, answer, tools));
  if (answer.kind === "not-found") {
    await tools.reply.send(renderAskDiscord(answer, locale), { ephemeral: ephemeral(options) });
    return "declined";
  }
  const stateId = tools.answerStates.save({ question: answer.query, top, shown: answer.passages.length, askerId: userId, answerId });
  const message = { ...renderAskDiscord(answer, locale), components: renderAnswerButtons(stateId, { more: hasMore }, locale) };
  await tools.reply.send(message, { ephemeral: ephemeral(options) });
  return "answered";
}

/** "More" for the asker only; 👍 / 👎 for anyone, a second vote replacing the first. */
export async function component(customId: string, tools: CommandTools): Promise<Outcome> {
  const words = wordsFor(tools.caller.locale);
  const button = parseAnswerButtonId(customId);
  const state = button && tools.answerStates.get(button.stateId);
  if (!button || !state) {
    await tools.reply.send(renderNoticeDiscord(words.buttonExpired, "declined"), { ephemeral: true });
    return "declined";
  }
  if (button.action === "up" || button.action === "down") {
    const recorded = state.answerId !== undefined && tools.feedback.recordVote(state.answerId, tools.caller.userId, button.action);
    await tools.reply.send(renderNoticeDiscord(recorded ? words.voteThanks : words.voteNotRecorded), { ephemeral: true });
    return recorded ? "answered" : "declined";
  }
  if (tools.caller.userId !== state.askerId) {
    await tools.reply.send(renderNoticeDiscord(words.notYourAnswer, "declined"), { ephemeral: true });
    return "declined";
  }
  tools.reply.expect({ update: true });
  const { answer, hasMore } = await tools.compute(() => page(tools, state.question, state.shown, state.top));
  if (answer.kind !== "answered") {
    await tools.reply.send(renderNoticeDiscord(words.noMorePassages, "declined"), { ephemeral: true });
    return "declined";
  }
  const answerId = tools.feedback.recordAnswer(shown(state.question, answer, tools));
  tools.answerStates.set(button.stateId, { ...state, shown: state.shown + answer.passages.length, answerId });
  const locale = tools.caller.locale;
  await tools.reply.update({ ...renderAskDiscord(answer, locale, { first: state.shown }), components: renderAnswerButtons(button.stateId, { more: hasMore }, locale) });
  return "answered";
}

/** Suggested questions that match what has been typed, at most 25, each a valid choice (100 characters). */
export function autocomplete(focused: { name: string; value: string }, tools: AutocompleteTools) {
  if (focused.name !== "question" || !tools.suggest) return [];
  return tools.suggest(focused.value, LIMITS.choices)
    .filter((text) => text.length > 0 && text.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((text) => ({ name: text, value: text }));
}

/**
 * The passages `first` to `first + top` of the answer (one more is searched, to know whether a "More"
 * would find any); not-found when there are none past `first`.
 */
function page(tools: CommandTools, question: string, first: number, top: number): { answer: AskAnswer; hasMore: boolean } {
  const wanted = Math.min(MAX_TOP, first + top + 1);
  const full = first >= MAX_TOP ? ({ kind: "not-found", query: question.trim() } as const) : ask(tools.library, question, { top: wanted });
  if (full.kind !== "answered") return { answer: full, hasMore: false };
  const passages = full.passages.slice(first, first + top);
  if (passages.length === 0) return { answer: { kind: "not-found", query: full.query }, hasMore: false };
  return { answer: { ...full, passages }, hasMore: full.passages.length > first + top && first + top < MAX_TOP };
}

function shown(question: string, answer: AskAnswer, tools: CommandTools): ShownAnswer {
  const passages: QuotedPassage[] = answer.kind === "answered" ? answer.passages : [];
  return {
    question,
    answered: answer.kind === "answered",
    passages: passages.map(({ articleId, articleTitle, section, text }) => ({ articleId, articleTitle, section, text })),
    guildId: tools.caller.guildId,
    userId: tools.caller.userId,
  };
}
