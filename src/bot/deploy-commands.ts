/**
 * The body of `npm run deploy-commands`: registers the slash commands and prints what Discord registered.
 * It lives in src/bot, beside main.ts, because only src/bot and commands/ may use discord.js.
 */
import { ConfigError, loadConfig, requireDiscordConfig } from "../config.js";
import { deployCommands } from "./deploy.js";
import { helpAsked, USAGE } from "./usage.js";

async function main(): Promise<void> {
  const discord = requireDiscordConfig(loadConfig());
  const { scope, registered } = await deployCommands({ discord });
  const where = scope.kind === "guild" ? `to server ${scope.guildId} (available at once)` : "globally (may take up to an hour to appear everywhere)";
  console.log(`Registered ${registered.length} command(s) ${where}: ${registered.map((name) => `/${name}`).join(", ")}`);
}

if (helpAsked()) console.log(USAGE.deploy);
else main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else {
    const status = (error as { status?: unknown }).status;
    const reason =
      status === 401
        ? "Discord refused DISCORD_TOKEN: copy the token again from the Bot tab of your application."
        : status === 403 || status === 404
          ? "Discord refused the registration: check DISCORD_CLIENT_ID (the Application ID) and, if set, DISCORD_GUILD_ID, and that the bot was invited with the applications.commands scope."
          : error instanceof Error
            ? error.message
            : String(error);
    console.error(`kiji-bot: could not register the commands: ${reason}`);
  }
  process.exit(1);
});
