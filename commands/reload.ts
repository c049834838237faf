/**
 * /reload (server managers only, by default): rebuilds the library from ARTICLES_DIR and swaps it in, then
 * says what was added, changed and removed. The reply is private; the rebuild may take seconds, so it defers.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { renderNoticeDiscord } from "../src/render/discord/notices.js";
import { renderReloadDiscord } from "../src/render/discord/reload.js";
import { wordsFor } from "../src/render/i18n.js";
import type { CommandTools, Outcome } from "./types.js";

const built = new SlashCommandBuilder()
  .setName("reload")
  .setNameLocalizations({ ja: "再読み込み" })
  .setDescription("Reload the articles from the articles folder (server managers only)")
  .setDescriptionLocalizations({ ja: "記事フォルダーから記事を読み込み直します(サーバー管理者のみ)" })
  // Manage Server by default; a server's admins can change who may use it in Server Settings > Integrations.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .toJSON();

/**
 * Discord's OpenAPI schema types default_member_permissions as an integer (discord-api-types as a string, which
 * the API also takes): the integer is what the schema, and so the tests, accept.
 */
export const definition = { ...built, default_member_permissions: Number(PermissionFlagsBits.ManageGuild) as unknown as string };

export function ephemeral(): boolean {
  return true;
}

export async function execute(_options: unknown, { library, reload, reply, caller }: CommandTools): Promise<Outcome> {
  const words = wordsFor(caller.locale);
  if (!reload) {
    await reply.send(renderNoticeDiscord(words.reloadUnavailable, "declined"), { ephemeral: true });
    return "declined";
  }
  let report: Awaited<ReturnType<typeof reload>>;
  try {
    report = await reload();
  } catch {
    // A folder emptied or gone is no bug: the library has logged why (with the path, which stays out of
    // Discord), and keeps serving what it had.
    await reply.send(renderNoticeDiscord(words.reloadFailed(library.articles.length), "declined"), { ephemeral: true });
    return "declined";
  }
  await reply.send(renderReloadDiscord(report, caller.locale), { ephemeral: true });
  return "answered";
}
