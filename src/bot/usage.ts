/**
 * `--help` for the bot's entry points: asked for, the usage is the answer (on stdout, exit 0). Without this a
 * `npm run deploy-commands -- --help` registered the commands and `npm start -- --help` logged in.
 */
export function helpAsked(args: string[] = process.argv.slice(2)): boolean {
  const options = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  return options.includes("--help") || options.includes("-h");
}

export const USAGE = {
  start: "usage: npm start   (in production: node dist/bot/main.js)\n  Logs in to Discord's gateway with DISCORD_TOKEN and answers /ask, /sources, /summary and /reload until SIGINT or SIGTERM.\n  Configuration comes from the environment and .env (see .env.example); no arguments.",
  serve: "usage: npm run serve   (in production: node dist/bot/serve.js)\n  Answers Discord's interactions over HTTP at POST /interactions on PORT, checked against DISCORD_PUBLIC_KEY.\n  Configuration comes from the environment and .env (see .env.example); no arguments.",
  deploy: "usage: npm run deploy-commands\n  Registers the slash commands with Discord (to DISCORD_GUILD_ID at once if set, else globally).\n  Configuration comes from the environment and .env (see .env.example); no arguments.",
} as const;
