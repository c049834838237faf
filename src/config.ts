/**
 * Configuration: read once, from the environment (and `.env` via dotenv), validated by one zod schema.
 * Every variable is documented here with its default, and again in `.env.example`.
 * A bad value is a `ConfigError` listing each problem and its fix; entry points print it and exit 1.
 */
import { config as loadDotenv } from "dotenv";
import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const snowflake = (what: string) =>
  optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
    message: `must be a Discord ${what} id: 17-20 digits (Developer Mode on, right-click, Copy ID)`,
  });

export const configSchema = z.object({
  /** Folder of article files (`.txt`, `.md`). Default: `seeds`, relative to the working directory. */
  ARTICLES_DIR: optionalText.default("seeds"),
  /** Folder for the search index cache. Default: `.cache` (gitignored). */
  CACHE_DIR: optionalText.default(".cache"),
  /** The SQLite file of answers shown and their 👍/👎 votes. Default: `feedback.sqlite` in CACHE_DIR. */
  FEEDBACK_DB: optionalText,
  /** Bot token from the Discord developer portal (Bot tab). Required only to run the bot. */
  DISCORD_TOKEN: optionalText.refine((v) => v === undefined || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v), {
    message: "does not look like a bot token (three dot-separated parts); copy it again from the Bot tab",
  }),
  /** The application id (General Information tab). Required to run the bot and to deploy commands. */
  DISCORD_CLIENT_ID: snowflake("application"),
  /** A server id: when set, commands are registered to that server only, which takes effect at once. */
  DISCORD_GUILD_ID: snowflake("server"),
  /** REST base URL for Discord-compatible servers and tests, passed to discord.js as `rest.api`. Default: Discord's own. */
  DISCORD_API_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), {
    message: "must be a URL such as http://127.0.0.1:8080/api",
  }),
  /** How much the bot logs: `error`, `warn`, `info` or `debug`. Default: `info`. */
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === "" ? "info" : v))
    .pipe(z.enum(["error", "warn", "info", "debug"]))
    .default("info"),
  /** Milliseconds a user waits between two /ask (0: no cooldown). Default: 3000. */
  ASK_COOLDOWN_MS: optionalText
    .pipe(
      z.coerce
        .number<string | undefined>({ message: "must be a number of milliseconds, e.g. 3000 (0 turns the cooldown off)" })
        .int("must be a whole number of milliseconds")
        .min(0, "must be 0 or more")
        .max(3_600_000, "must be at most 3600000 (an hour)")
        .optional(),
    )
    .transform((v) => v ?? 3000),
  /** Any non-empty value turns off bold in the terminal's answers (the no-color.org convention). Default: unset. */
  NO_COLOR: optionalText.transform((v) => v !== undefined),
});

export type Config = z.output<typeof configSchema> & {
  /** ARTICLES_DIR and CACHE_DIR resolved to absolute paths. */
  articlesDir: string;
  cacheDir: string;
  /** FEEDBACK_DB resolved to an absolute path (default `<cacheDir>/feedback.sqlite`). */
  feedbackDb: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`kiji-bot: configuration problem${problems.length > 1 ? "s" : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates an environment. Pure: tests pass their own object; entry points call `loadConfig()`.
 */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message} (set it in .env; see .env.example)`),
    );
  }
  return {
    ...result.data,
    articlesDir: path.resolve(cwd, result.data.ARTICLES_DIR),
    cacheDir: path.resolve(cwd, result.data.CACHE_DIR),
    feedbackDb: path.resolve(cwd, result.data.FEEDBACK_DB ?? path.join(result.data.CACHE_DIR, "feedback.sqlite")),
  };
}

let loaded: Config | undefined;

/** Reads `.env` (never overriding the real environment) and the environment, once per process. */
export function loadConfig(): Config {
  if (!loaded) {
    loadDotenv({ quiet: true });
    loaded = parseConfig(process.env);
  }
  return loaded;
}

export interface DiscordConfig {
  token: string;
  clientId: string;
  guildId: string | undefined;
  apiUrl: string | undefined;
}

/** The part of the configuration the bot and deploy-commands need; a ConfigError naming what is missing. */
export function requireDiscordConfig(config: Config): DiscordConfig {
  const { DISCORD_TOKEN: token, DISCORD_CLIENT_ID: clientId } = config;
  if (token && clientId) return { token, clientId, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL };
  const problems: string[] = [];
  if (!token)
    problems.push(
      "DISCORD_TOKEN is not set: copy the bot token from https://discord.com/developers/applications (your app, Bot tab) into .env. " +
        'Without Discord, `npm run ask -- "質問"` answers in the terminal.',
    );
  if (!clientId)
    problems.push("DISCORD_CLIENT_ID is not set: copy the Application ID from the General Information tab into .env.");
  throw new ConfigError(problems);
}
