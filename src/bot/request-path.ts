/**
 * The path of an HTTP request target, for the two servers the bot runs (/healthz and /interactions); "" when it
 * is none. `new URL` throws on targets Node's parser lets through (`GET //`): in a request handler, a throw
 * would end the process, or be logged as the server's own failure.
 */
export function pathOf(target = "/"): string {
  try {
    return new URL(target, "http://localhost").pathname;
  } catch {
    return "";
  }
}
