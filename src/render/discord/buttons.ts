/**
 * The buttons under an answered /ask: "More" (the next passages, for the asker) and 👍 / 👎 (a vote, for
 * anyone). A custom_id carries only the action and a short id of the state the bot keeps; it is
 * `ask:<action>:<id>` and never longer than Discord's 100 characters.
 */
import { wordsFor, type Locale } from "../i18n.js";
import type { DiscordActionRow } from "./types.js";

export const BUTTON_LIMITS = { customId: 100, label: 80, perRow: 5, rows: 5 } as const;

export type AnswerAction = "more" | "up" | "down";

export const ANSWER_ACTIONS: readonly AnswerAction[] = ["more", "up", "down"];

/** The custom_id of an answer button; `stateId` is the bot's short key (a few url-safe characters). */
export function answerButtonId(action: AnswerAction, stateId: string): string {
  const id = `ask:${action}:${stateId}`;
  if (id.length > BUTTON_LIMITS.customId) throw new RangeError(`custom_id over ${BUTTON_LIMITS.customId} characters: ${id.length}`);
  return id;
}

/** `{ action, stateId }` for one of our answer buttons' custom_id, else undefined. */
export function parseAnswerButtonId(customId: string): { action: AnswerAction; stateId: string } | undefined {
  const match = /^ask:(more|up|down):([\w-]{1,80})$/.exec(customId);
  return match ? { action: match[1] as AnswerAction, stateId: match[2]! } : undefined;
}

/** One row: More (greyed out when there is nothing more to show), 👍, 👎. */
export function renderAnswerButtons(stateId: string, options: { more: boolean }, locale: Locale): DiscordActionRow[] {
  return [
    {
      type: 1,
      components: [
        { type: 2, style: 1, custom_id: answerButtonId("more", stateId), label: wordsFor(locale).moreButton, disabled: !options.more },
        { type: 2, style: 2, custom_id: answerButtonId("up", stateId), emoji: { name: "👍" } },
        { type: 2, style: 2, custom_id: answerButtonId("down", stateId), emoji: { name: "👎" } },
      ],
    },
  ];
}
