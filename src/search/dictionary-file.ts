/**
 * The dictionary's arrays, ready to use, in one file: what kuromoji would otherwise inflate from its twelve
 * gzipped files and then turn into objects at every start.
 *
 * - The word-id -> token-ids map (tid_map) is stored flattened (offsets + values) instead of being rebuilt as
 *   a 326,000-key object: that object took ~200 ms of each load. `lazyTargetMap` serves it on demand.
 * - Byte arrays that kuromoji reads through its ByteBuffer (which reads zeros past the end) lose their
 *   zero padding (~45 MB of the 100 MB), keeping a few zero bytes so no read straddles the new end.
 * - Each section is read straight into its own ArrayBuffer (one positional read each, all in flight at once
 *   on libuv's threads), so nothing is copied after the read and the main thread is free meanwhile; the
 *   largest, tid_pos, is read page by page when tokens need it (`PagedFeatures`).
 *
 * Layout: "KIJIDIC" + format byte, a uint32 (LE) header length, a JSON header {sections: [{name, offset,
 * length}]}, then the sections at 8-byte-aligned offsets.
 */
import { close, closeSync, fstat, open, read, readSync } from "node:fs";
import { promisify } from "node:util";

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

const MAGIC = Buffer.from("KIJIDIC\u0002", "latin1");

/** The package's dictionary files (without `.dat.gz`) whose bytes are stored as they are. */
const KEPT = ["base", "check", "cc", "unk_char", "unk_compat"] as const;
/** Files kuromoji reads through its ByteBuffer, stored without their trailing zero padding. */
const TRIMMED = ["tid", "tid_pos", "unk", "unk_pos", "unk_map", "unk_invoke"] as const;
/** tid_map, flattened: for word id w, its token ids are values[offsets[w] .. offsets[w + 1]). */
const TARGET_MAP = ["tid_map_offsets", "tid_map_values"] as const;

export const SECTION_NAMES = [...KEPT, ...TRIMMED, ...TARGET_MAP] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
/** Every section as bytes; a view covering exactly its own ArrayBuffer when read from the file. */
export type Sections = Record<SectionName, Uint8Array>;

/** The package's file names (as kuromoji asks for them) behind the sections. */
export const PACKAGE_FILES = [...KEPT, ...TRIMMED, "tid_map"].map((name) => `${name}.dat.gz`);

/** Zero bytes kept after a trimmed array's last non-zero byte: more than kuromoji's widest read (4 bytes). */
const TRIM_MARGIN = 8;
/** Bytes per element of the sections read as wider typed arrays, whose lengths must be multiples of it. */
const ELEMENT_BYTES: Partial<Record<SectionName, number>> = { base: 4, check: 4, cc: 2, unk_compat: 4, tid_map_offsets: 4, tid_map_values: 4 };

export class DictionaryFileError extends Error {
  constructor(message: string) {
    super(`dictionary copy: ${message}`);
    this.name = "DictionaryFileError";
  }
}

function trimZeros(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, Math.min(bytes.length, end + TRIM_MARGIN));
}

/**
 * tid_map as kuromoji saves it -> offsets + values. The layout (int32 LE): a key count, then per key: the key,
 * its value count, its values. Read as kuromoji's loadTargetMap reads it: to the end of the bytes, ignoring
 * the key count, reading zeros past the end, a key with no values making no entry.
 */
export function flattenTargetMap(bytes: Uint8Array): { offsets: Int32Array; values: Int32Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const int = (at: number) => (at + 4 <= bytes.length ? view.getInt32(at, true) : 0);
  const entries: Array<{ key: number; start: number; count: number }> = [];
  let position = 4;
  let maxKey = -1;
  let valueCount = 0;
  while (position < bytes.length) {
    const key = int(position);
    const count = Math.max(0, int(position + 4));
    position += 8;
    if (count > 0) {
      if (key < 0 || position + 4 * count > bytes.length) throw new DictionaryFileError("tid_map has a negative key or runs past its end");
      entries.push({ key, start: position, count });
      maxKey = Math.max(maxKey, key);
      valueCount += count;
    }
    position += 4 * count;
  }
  entries.sort((a, b) => a.key - b.key);
  const offsets = new Int32Array(maxKey + 2);
  const values = new Int32Array(valueCount);
  let next = 0;
  let entry = 0;
  for (let key = 0; key <= maxKey; key++) {
    offsets[key] = next;
    // A key listed twice keeps all its values, in file order, as kuromoji's addMapping does.
    while (entry < entries.length && entries[entry]!.key === key) {
      const { start, count } = entries[entry++]!;
      for (let v = 0; v < count; v++) values[next++] = view.getInt32(start + 4 * v, true);
    }
  }
  offsets[maxKey + 1] = next;
  return { offsets, values };
}

/** The sections, from the package's inflated files (by kuromoji's names, e.g. `base.dat.gz`). */
export function sectionsFromPackage(inflated: Map<string, Uint8Array>): Sections {
  const file = (name: string): Uint8Array => {
    const bytes = inflated.get(`${name}.dat.gz`);
    if (!bytes) throw new DictionaryFileError(`${name}.dat.gz was not read`);
    return bytes;
  };
  const { offsets, values } = flattenTargetMap(file("tid_map"));
  const sections: Partial<Sections> = {};
  for (const name of KEPT) sections[name] = file(name);
  for (const name of TRIMMED) sections[name] = trimZeros(file(name));
  sections.tid_map_offsets = new Uint8Array(offsets.buffer);
  sections.tid_map_values = new Uint8Array(values.buffer);
  return sections as Sections;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The file's bytes, as chunks to write in order. */
export function encodeSections(sections: Sections): Uint8Array[] {
  const layout: Array<{ name: SectionName; offset: number; length: number }> = [];
  // The header's length depends on the offsets it lists; reserve room for it generously, then fill it in.
  const reserve = align8(MAGIC.length + 4 + 64 * SECTION_NAMES.length + 64);
  let offset = reserve;
  for (const name of SECTION_NAMES) {
    layout.push({ name, offset, length: sections[name].length });
    offset = align8(offset + sections[name].length);
  }
  const json = Buffer.from(JSON.stringify({ sections: layout }), "utf8");
  if (MAGIC.length + 4 + json.length > reserve) throw new DictionaryFileError("header too long");
  const head = Buffer.alloc(reserve);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(json.length, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  const chunks: Uint8Array[] = [head];
  let written = reserve;
  for (const { name, offset: at } of layout) {
    if (at > written) chunks.push(new Uint8Array(at - written));
    chunks.push(sections[name]);
    written = at + sections[name].length;
  }
  return chunks;
}

export interface CopyRead {
  /** Every section but tid_pos (an empty array here), read whole. */
  sections: Sections;
  /** tid_pos, read from the file page by page as tokens need their features. */
  features: PagedFeatures;
}

/**
 * Reads and checks a file written by `encodeSections`; throws a DictionaryFileError when it is not sound.
 * tid_pos (36 of the 63 MB: each token's part of speech and readings) stays on disk: a process asks for the
 * features of the words it meets, and faulting in 36 MB of fresh memory was ~15 ms of every start.
 */
export async function readCopy(file: string): Promise<CopyRead> {
  const fd = await openAsync(file, "r");
  let keep = false;
  try {
    const { size } = await fstatAsync(fd);
    const head = Buffer.alloc(Math.min(size, 4096));
    await readAsync(fd, head, 0, head.length, 0);
    if (head.length < MAGIC.length + 4 || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw new DictionaryFileError("not a dictionary file of this format");
    const jsonLength = head.readUInt32LE(MAGIC.length);
    let layout: Array<{ name: SectionName; offset: number; length: number }>;
    try {
      layout = (JSON.parse(head.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + jsonLength)) as { sections: typeof layout }).sections;
    } catch {
      throw new DictionaryFileError("unreadable header");
    }
    const places = new Map(layout.map((place) => [place.name, place]));
    for (const name of SECTION_NAMES) {
      const place = places.get(name);
      if (!place || !Number.isSafeInteger(place.offset) || !Number.isSafeInteger(place.length) || place.offset < 0 || place.length < 0 || place.offset + place.length > size) {
        throw new DictionaryFileError(`section ${name} is missing or out of bounds`);
      }
      if (place.length % (ELEMENT_BYTES[name] ?? 1) !== 0) throw new DictionaryFileError(`section ${name} has a partial element`);
    }
    const reads = new Map(
      SECTION_NAMES.map((name) => {
        if (name === "tid_pos") return [name, Promise.resolve(new Uint8Array(0))] as const;
        const { offset, length } = places.get(name)!;
        const bytes = new Uint8Array(new ArrayBuffer(length));
        const reading = readAsync(fd, bytes, 0, length, offset).then(({ bytesRead }) => {
          if (bytesRead !== length) throw new DictionaryFileError(`section ${name} is short`);
          return bytes;
        });
        return [name, reading] as const;
      }),
    );
    // The word map is checked as soon as its parts are in, while the larger sections are still being read.
    const checked = Promise.all([reads.get("tid_map_offsets")!, reads.get("tid_map_values")!, reads.get("tid")!]).then(([offsets, values, tid]) =>
      checkTargetMap({ tid_map_offsets: offsets, tid_map_values: values, tid }),
    );
    // Every read settles before the descriptor can be closed, even when one of them failed.
    const settled = await Promise.allSettled([checked, ...reads.values()]);
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    const sections = Object.fromEntries(await Promise.all(SECTION_NAMES.map(async (name) => [name, await reads.get(name)!] as const))) as Sections;
    const { offset, length } = places.get("tid_pos")!;
    keep = true;
    return { sections, features: new PagedFeatures({ fd, offset, length }) };
  } finally {
    if (!keep) await closeAsync(fd).catch(() => undefined);
  }
}

/** Bytes per page of tid_pos read from the copy: a token's features are ~90 bytes, a page holds ~700. */
const PAGE = 64 * 1024;

/**
 * Stands in for the ByteBuffer that holds kuromoji's tid_pos, whose only use after loading is
 * `getString(offset)`: the NUL-terminated UTF-8 string at `offset`, or "" past the end. Pages are read
 * synchronously on first use (tokenize is synchronous) and kept. The file descriptor stays open for the
 * process's life: a copy replaced meanwhile (by rename) leaves this one readable.
 */
export class PagedFeatures {
  private readonly pages: Array<Buffer | undefined> = [];
  private closed = false;

  constructor(private readonly place: { fd: number; offset: number; length: number }) {}

  getString(offset: number): string {
    const parts: Buffer[] = [];
    for (let at = offset; at >= 0 && at < this.place.length; ) {
      const index = Math.floor(at / PAGE);
      const page = this.page(index);
      const from = at - index * PAGE;
      const end = page.indexOf(0, from);
      if (end !== -1) {
        parts.push(page.subarray(from, end));
        break;
      }
      parts.push(page.subarray(from));
      at = (index + 1) * PAGE;
      if (page.length < PAGE) break;
    }
    return parts.length === 1 ? parts[0]!.toString("utf8") : Buffer.concat(parts).toString("utf8");
  }

  /** Closes the file, for a tokenizer that will not be used; pages already read stay readable, others read empty. */
  close(): void {
    // Once only: the descriptor's number may belong to another file afterwards.
    if (this.closed) return;
    this.closed = true;
    closeSync(this.place.fd);
  }

  private page(index: number): Buffer {
    let page = this.pages[index];
    if (!page && this.closed) return Buffer.alloc(0);
    if (!page) {
      const start = index * PAGE;
      page = Buffer.allocUnsafe(Math.min(PAGE, this.place.length - start));
      const read = readSync(this.place.fd, page, 0, page.length, this.place.offset + start);
      // A copy cut short under a running process: what is missing reads as the end of the string.
      if (read < page.length) page = page.subarray(0, read);
      this.pages[index] = page;
    }
    return page;
  }
}

const int32s = (bytes: Uint8Array) => new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);

/** The flattened map must index inside its values, and its values inside the token table (10 bytes a token). */
function checkTargetMap(sections: Pick<Sections, "tid_map_offsets" | "tid_map_values" | "tid">): void {
  const offsets = int32s(sections.tid_map_offsets);
  const values = int32s(sections.tid_map_values);
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== values.length) throw new DictionaryFileError("tid_map offsets do not cover the values");
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i]! < offsets[i - 1]!) throw new DictionaryFileError("tid_map offsets go backwards");
  }
  const tokens = sections.tid.length;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value < 0 || value >= tokens) throw new DictionaryFileError("tid_map names a token outside the token table");
  }
}

/**
 * kuromoji's `target_map` (word id -> token ids), answered from the flattened arrays on demand. Looked-up
 * entries are kept as plain arrays, as kuromoji's own map holds them, so repeated words cost one array read.
 */
export function lazyTargetMap(sections: Pick<Sections, "tid_map_offsets" | "tid_map_values">): Record<number, number[] | undefined> {
  const offsets = int32s(sections.tid_map_offsets);
  const values = int32s(sections.tid_map_values);
  const seen: Array<number[] | undefined> = new Array<number[] | undefined>(Math.max(0, offsets.length - 1));
  return new Proxy({} as Record<number, number[] | undefined>, {
    get(_target, property) {
      if (typeof property !== "string") return undefined;
      const key = Number(property);
      if (!Number.isInteger(key) || key < 0 || key >= offsets.length - 1) return undefined;
      let ids = seen[key];
      if (ids === undefined) {
        const start = offsets[key]!;
        const end = offsets[key + 1]!;
        // kuromoji's map has no entry for a word without tokens.
        if (start === end) return undefined;
        ids = Array.from(values.subarray(start, end));
        seen[key] = ids;
      }
      return ids;
    },
  });
}
