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

/** A button that sends an interaction back to the bot (style 1-4); its custom_id says what it is for. */
export interface DiscordButton {
  type: 2;
  /** 1 primary, 2 secondary, 3 success, 4 danger. */
  style: 1 | 2 | 3 | 4;
  custom_id: string;
  label?: string;
  emoji?: { name: string };
  disabled?: boolean;
}

/** A row of at most five buttons. */
export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

/** One message: what a reply, a deferred reply's edit or a follow-up carries. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  /** Buttons under the message; an empty list removes those it had. */
  components?: DiscordActionRow[];
}

/** An autocomplete choice: a name the user sees and the value the command then receives. */
export interface DiscordChoice {
  name: string;
  value: string;
}
