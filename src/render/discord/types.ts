/**
 * The shapes the Discord renderers produce: plain JSON in the form of Discord's own API objects, so the bot
 * can hand them to discord.js unchanged and tests can check them without a client.
 */

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  /** Only http(s) links; Discord refuses anything else. */
  url?: string;
  description?: string;
  color?: number;
  author?: { name: string; url?: string };
  fields?: DiscordEmbedField[];
  footer?: { text: string };
}

/** One message: what a reply, a deferred reply's edit or a follow-up carries. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
}

/** An autocomplete choice: a name the user sees and the value the command then receives. */
export interface DiscordChoice {
  name: string;
  value: string;
}
