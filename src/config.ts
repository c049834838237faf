/**
 * Configuration: read once, from the environment (and `.env` via dotenv), validated by one zod schema.
 * Every variable is documented here with its default, and again in `.env.example`.
 * A bad value is a `ConfigError` listing each problem and its fix; entry points print it and exit 1.
 */
import { config as loadDotenv } from "dotenv";
import { homedir } from "node:os";
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
  /** Folder of article files (`.txt`, `.md`). Default: `seeds`, relative to the working directory; `~/` is the home folder. */
  ARTICLES_DIR: optionalText.default("seeds"),
  /** Folder for the search index cache. Default: `.cache` (gitignored); `~/` is the home folder. */
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
  /** The application's public key (General Information tab, 64 hex characters): checks requests to the HTTP endpoint. */
  DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: "must be the Public Key from the General Information tab: 64 hex characters",
  }),
  /** Port of the HTTP interactions endpoint (`npm run serve`); 0 picks a free one. Default: 8787. */
  PORT: optionalText
    .transform((v) => (v === undefined ? 8787 : Number(v)))
    .pipe(z.number({ message: "must be a port number" }).int("must be a port number").min(0, "must be 0-65535").max(65535, "must be 0-65535")),
  /** How much the bot logs: `error`, `warn`, `info` or `debug`. Default: `info`. */
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === "" ? "info" : v))
    .pipe(z.enum(["error", "warn", "info", "debug"]))
    .default("info"),
  /** Port of the bot's health endpoint (GET /healthz); unset: no endpoint; 0: any free port (logged). */
  HEALTH_PORT: optionalText
    .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), {
      message: "must be a port number from 1 to 65535 (0: any free port), or empty for no health endpoint",
    })
    .transform((v) => (v === undefined ? undefined : Number(v))),
  /** Address the health endpoint listens on. Default: `127.0.0.1` (`0.0.0.0` to reach it from outside a container). */
  HEALTH_HOST: optionalText.default("127.0.0.1"),
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
  /** ARTICLES_DIR and CACHE_DIR resolved to absolute paths (`~` expanded). */
  articlesDir: string;
  cacheDir: string;
  /** Bad values of variables only the bot reads: reported by `requireDiscordConfig`, ignored by the terminal commands. */
  botProblems: string[];
  /** FEEDBACK_DB resolved to an absolute path (`~` expanded). */
  feedbackDb: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`kiji-bot: configuration problem${problems.length > 1 ? "s" : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Variables only the bot reads. A bad value among them stops the bot and deploy-commands, but not the
 * terminal commands, which never use them (`DISCORD_TOKEN=xyz npm run ask` answers).
 */
const BOT_ONLY = new Set([
  "DISCORD_TOKEN",
  "DISCORD_CLIENT_ID",
  "DISCORD_GUILD_ID",
  "DISCORD_API_URL",
  "DISCORD_PUBLIC_KEY",
  "PORT",
  "HEALTH_PORT",
  "HEALTH_HOST",
  "ASK_COOLDOWN_MS",
]);

/** The bot-only variables one transport does not read: a bad value there does not stop it. */
const UNUSED_BY = {
  gateway: new Set(["DISCORD_PUBLIC_KEY", "PORT"]),
  http: new Set(["DISCORD_TOKEN", "DISCORD_GUILD_ID"]),
};

/** The bad bot-only values that concern this transport. */
const problemsFor = (config: Config, transport: keyof typeof UNUSED_BY) =>
  config.botProblems.filter((problem) => !UNUSED_BY[transport].has(problem.split(":")[0]!));

const describeIssue = (issue: z.core.$ZodIssue) =>
  `${issue.path.join(".") || "environment"}: ${issue.message} (set it in .env; see .env.example)`;

/**
 * Validates an environment. Pure: tests pass their own object (and home folder); entry points call
 * `loadConfig()`. Bad bot-only values are kept in `botProblems` for `requireDiscordConfig` to report.
 */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd(), home = homedir()): Config {
  let result = configSchema.safeParse(env);
  let botProblems: string[] = [];
  if (!result.success && result.error.issues.every((issue) => BOT_ONLY.has(String(issue.path[0])))) {
    botProblems = result.error.issues.map(describeIssue);
    const bad = new Set(result.error.issues.map((issue) => String(issue.path[0])));
    result = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([name]) => !bad.has(name))));
  }
  if (!result.success) throw new ConfigError(result.error.issues.map(describeIssue));
  return {
    ...result.data,
    articlesDir: path.resolve(cwd, expandHome(result.data.ARTICLES_DIR, home)),
    cacheDir: path.resolve(cwd, expandHome(result.data.CACHE_DIR, home)),
    botProblems,
    feedbackDb: path.resolve(cwd, expandHome(result.data.FEEDBACK_DB ?? path.join(result.data.CACHE_DIR, "feedback.sqlite"), home)),
  };
}

/** `~` and `~/...` as a shell expands them (a value in .env never passes through a shell). */
export function expandHome(value: string, home = homedir()): string {
  return value === "~" || value.startsWith("~/") || value.startsWith(`~${path.sep}`) ? path.join(home, value.slice(1)) : value;
}

let loaded: Config | undefined;

/** Reads `.env` (never overriding the real environment) and the environment, once per process. */
export function loadConfig(): Config {
  if (!loaded) {
    const { error } = loadDotenv({ quiet: true });
    // No .env is fine; one that is there but unreadable (a folder made by a Docker bind mount, a root-owned
    // file) must not be skipped silently: every value in it would be missing, and each message would say so.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error && code !== "ENOENT")
      throw new ConfigError([
        `.env: ${path.resolve(".env")} cannot be read (${code ?? error.message}); make it a file the user running kiji-bot can read, or remove it and set the variables in the environment`,
      ]);
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

/** The application id's fix, which both transports need. */
const CLIENT_ID_FIX = "DISCORD_CLIENT_ID is not set: copy the Application ID from the General Information tab into .env.";

/**
 * A ConfigError listing this transport's bad bot-only values and, for each required variable that is unset
 * (and not already reported as bad), how to set it.
 */
function transportProblems(config: Config, transport: keyof typeof UNUSED_BY, required: Array<[name: keyof Config, fix: string]>): ConfigError | undefined {
  const problems = problemsFor(config, transport);
  const bad = new Set(problems.map((problem) => problem.split(":")[0]));
  for (const [name, fix] of required) if (!config[name] && !bad.has(name)) problems.push(fix);
  return problems.length ? new ConfigError(problems) : undefined;
}

/** The part of the configuration the bot and deploy-commands need; a ConfigError naming what is missing. */
export function requireDiscordConfig(config: Config): DiscordConfig {
  const problem = transportProblems(config, "gateway", [
    [
      "DISCORD_TOKEN",
      "DISCORD_TOKEN is not set: copy the bot token from https://discord.com/developers/applications (your app, Bot tab) into .env. " +
        'Without Discord, `npm run ask -- "質問"` answers in the terminal.',
    ],
    ["DISCORD_CLIENT_ID", CLIENT_ID_FIX],
  ]);
  if (problem) throw problem;
  return { token: config.DISCORD_TOKEN!, clientId: config.DISCORD_CLIENT_ID!, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL };
}

export interface InteractionsEndpointConfig {
  publicKey: string;
  clientId: string;
  apiUrl: string | undefined;
  port: number;
}

/** What `npm run serve` needs (no token: Discord signs its requests, and a response's token authorises its edits). */
export function requireInteractionsEndpointConfig(config: Config): InteractionsEndpointConfig {
  const problem = transportProblems(config, "http", [
    [
      "DISCORD_PUBLIC_KEY",
      "DISCORD_PUBLIC_KEY is not set: copy the Public Key from https://discord.com/developers/applications (your app, General Information) into .env.",
    ],
    ["DISCORD_CLIENT_ID", CLIENT_ID_FIX],
  ]);
  if (problem) throw problem;
  return { publicKey: config.DISCORD_PUBLIC_KEY!, clientId: config.DISCORD_CLIENT_ID!, apiUrl: config.DISCORD_API_URL, port: config.PORT };
}
