/**
 * Why logging in failed, in one line a server admin can act on: a refused token, disallowed intents, no
 * network, or a REST server that does not speak Discord's JSON (a wrong DISCORD_API_URL, a captive portal or
 * proxy answering HTML), which discord.js itself reports as `Cannot read properties of undefined`.
 */
import type { DiscordConfig } from "../config.js";

/** A failure whose message is the whole story: printed as is, without a stack. */
export class StartError extends Error {
  override name = "StartError";
}

/** The REST API answered something other than JSON. */
export class RestNotJsonError extends StartError {
  override name = "RestNotJsonError";
}

const DISCORD_API = "https://discord.com/api";

export async function explainLoginFailure(error: unknown, discord: DiscordConfig): Promise<Error> {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "TokenInvalid" || (error as { status?: unknown } | null)?.status === 401)
    return new StartError(
      "kiji-bot: Discord refused DISCORD_TOKEN. Reset the token in https://discord.com/developers/applications (your app, Bot tab), " +
        "copy it into .env, and start again.",
    );
  if (code === "DisallowedIntents")
    return new StartError("kiji-bot: Discord refused the requested gateway intents; kiji-bot needs only the default Guilds intent.");
  if (typeof code === "string" && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET)$/.test(code))
    return new StartError(`kiji-bot: cannot reach Discord (${code}). Check the network, or DISCORD_API_URL if you set one.`);
  return (await restNotJson(discord)) ?? (error instanceof Error ? error : new Error(String(error)));
}

/**
 * Asks the REST API the first thing discord.js asks (GET /v10/gateway/bot); a RestNotJsonError when the answer
 * is not JSON, undefined when it is (or when the server cannot be asked: the original error then says more).
 */
export async function restNotJson(discord: DiscordConfig): Promise<RestNotJsonError | undefined> {
  const base = (discord.apiUrl ?? DISCORD_API).replace(/\/+$/, "");
  const url = `${base}/v10/gateway/bot`;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { headers: { authorization: `Bot ${discord.token}` }, signal: AbortSignal.timeout(5_000) });
    body = await response.text();
  } catch {
    return undefined;
  }
  const type = response.headers.get("content-type") ?? "no content type";
  try {
    JSON.parse(body);
    if (type.includes("json")) return undefined;
  } catch {
    // Not JSON: explained below.
  }
  const where = discord.apiUrl ? `DISCORD_API_URL (${discord.apiUrl})` : `Discord's REST API (${DISCORD_API})`;
  const fix = discord.apiUrl
    ? "Set DISCORD_API_URL to a Discord-compatible REST base such as http://127.0.0.1:8080/api, or remove it to use Discord itself."
    : "A proxy or captive portal may be answering instead of Discord: check the network.";
  return new RestNotJsonError(
    `kiji-bot: ${where} answered GET ${url} with ${response.status} ${type.split(";")[0]}, not Discord's JSON. ${fix}`,
  );
}
