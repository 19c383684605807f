// Reads a Kubernetes list answer item by item as its bytes arrive, so a page of 10,000 pods is
// never one string or one parsed tree: each element of the top-level `items` array is parsed on
// its own and handed over, and only the rest of the envelope (kind, metadata.continue) is kept.
// JSON's structural characters are ASCII and never occur inside a UTF-8 multi-byte sequence, so
// scanning bytes is safe; JSON.parse still validates every piece. A reader told to drop
// `metadata.managedFields` hands each item over with `"managedFields":null` instead: real API
// servers send them on every object of every list (a third of a Secret's bytes), and parsing them
// into thousands of small objects cost more than anything else the status read did.
import { describeJsonMistake } from '../app-errors/json-mistake';

export interface ListEnvelope {
  metadata?: { continue?: unknown };
  items?: unknown;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const ITEMS_KEY = Buffer.from('items');
const METADATA_KEY = Buffer.from('metadata');
const MANAGED_FIELDS_KEY = Buffer.from('managedFields');
/** Keys are kept up to one byte longer than the longest one looked for. */
const MAX_KEY = MANAGED_FIELDS_KEY.length + 1;
/** Depth of an item's own keys and of its metadata's keys (the answer's object is 1, `items` 2). */
const ITEM_DEPTH = 3;
const METADATA_DEPTH = 4;
const NULL = Buffer.from('null');

const isKey = (key: number[], wanted: Buffer): boolean => key.length === wanted.length && wanted.every((value, index) => key[index] === value);

const isBlank = (text: string): boolean => text.trim() === '';

/** The answer is not a JSON list; the message says where, never quotes it (it may hold a secret's data). */
export class ListSyntaxError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ListSyntaxError';
  }
}

function parsePiece(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ListSyntaxError(`${what}: ${describeJsonMistake(text)}`);
  }
}

/** Pieces of one JSON text that spans chunks. */
class Pieces {
  private parts: Buffer[] = [];

  add(chunk: Buffer, start: number, end: number): void {
    if (end > start) this.parts.push(chunk.subarray(start, end));
  }

  addNull(): void {
    this.parts.push(NULL);
  }

  take(): string {
    const text = Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    return text;
  }
}

export class ListItemsReader {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** In an object whose keys are watched (the answer, an item, its metadata), between `{` or `,` and `:`: the next string is a key. */
  private keyPosition = false;
  /** The bytes of the key being read, up to one more than the longest key looked for. */
  private key: number[] = [];
  private readingKey = false;
  private lastKeyIsItems = false;
  private inItems = false;
  private lastItemKeyIsMetadata = false;
  private inMetadata = false;
  private lastMetadataKeyIsManagedFields = false;
  /** Between `"managedFields":` and the `,` or `}` that ends its value: these bytes are not kept. */
  private skipping = false;
  /** Where the piece of the current chunk not yet handed to the envelope or the item starts. */
  private start = 0;
  private itemsSeen = 0;
  private readonly envelope = new Pieces();
  private readonly item = new Pieces();

  constructor(
    private readonly onItem: (item: unknown) => void,
    private readonly options: { dropManagedFields?: boolean } = {},
  ) {}

  /** Throws what `onItem` throws, or a ListSyntaxError for an item that is not JSON. */
  push(chunk: Buffer): void {
    this.start = 0;
    let index = 0;
    while (index < chunk.length) {
      if (this.inString && !this.readingKey) {
        index = this.skipString(chunk, index);
        continue;
      }
      if (this.skipping && !this.inString) {
        const next = this.skipValue(chunk, index);
        if (next !== index) {
          index = next;
          continue;
        }
      }
      if (this.inString) this.stringByte(chunk[index]!);
      else this.structural(chunk, index);
      index += 1;
    }
    if (!this.skipping) (this.inItems ? this.item : this.envelope).add(chunk, this.start, chunk.length);
  }

  /** The envelope once the answer is complete; its own `items` (if the key was spelt with escapes) are handed over too. */
  finish(): ListEnvelope {
    if (this.inString || this.depth !== 0 || this.inItems) throw new ListSyntaxError('the answer ends too early');
    const envelope = parsePiece(this.envelope.take(), 'the list around the items');
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) throw new ListSyntaxError('the answer is not a JSON object');
    const { items } = envelope as ListEnvelope;
    if (items !== undefined && items !== null && !Array.isArray(items)) throw new ListSyntaxError('items is not a list');
    for (const item of items ?? []) this.onItem(item);
    return envelope as ListEnvelope;
  }

  /** Brackets, commas and colons outside strings: where items start and end, and which key is read. */
  private structural(chunk: Buffer, index: number): void {
    const byte = chunk[index];
    // The value ends at its object's next `,` or `}`; a stray `]` ends it too and is left for JSON.parse to refuse.
    if (this.skipping && this.depth <= METADATA_DEPTH && (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY)) {
      this.skipping = false;
      this.start = index;
    }
    if (byte === QUOTE) this.openString();
    else if (byte === COLON) {
      if (this.watchesKeys()) this.keyPosition = false;
      if (this.inMetadata && this.depth === METADATA_DEPTH && this.lastMetadataKeyIsManagedFields) this.startSkipping(chunk, index);
    } else if (byte === COMMA) {
      if (this.inItems && this.depth === 2) {
        this.item.add(chunk, this.start, index);
        this.emit(false);
        this.start = index + 1;
      } else if (this.watchesKeys()) this.keyPosition = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      const valuePosition = !this.keyPosition;
      this.depth += 1;
      if (byte === OPEN_OBJECT && this.depth === METADATA_DEPTH && this.inItems && this.lastItemKeyIsMetadata && valuePosition) this.inMetadata = this.options.dropManagedFields === true;
      this.keyPosition = byte === OPEN_OBJECT && this.watchesKeys();
      if (byte === OPEN_ARRAY && this.depth === 2 && this.lastKeyIsItems && valuePosition) {
        this.envelope.add(chunk, this.start, index + 1);
        this.inItems = true;
        this.start = index + 1;
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (this.inItems && this.depth === 2) {
        this.item.add(chunk, this.start, index);
        this.emit(true);
        this.inItems = false;
        this.start = index;
      }
      if (this.depth === METADATA_DEPTH) this.inMetadata = false;
      if (this.depth === ITEM_DEPTH) this.lastItemKeyIsMetadata = false;
      this.depth -= 1;
      this.keyPosition = false;
    }
  }

  /**
   * Through a dropped value's brackets in one tight loop (most of managedFields is brackets and
   * two-letter keys): up to a string, which skipString passes, or up to the `,` `}` `]` that ends
   * the value, which structural() then reads.
   */
  private skipValue(chunk: Buffer, from: number): number {
    let depth = this.depth;
    for (let index = from; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (byte === QUOTE) {
        this.depth = depth;
        this.inString = true;
        return index + 1;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth += 1;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || byte === COMMA) {
        if (depth <= METADATA_DEPTH) {
          this.depth = depth;
          return index;
        }
        if (byte !== COMMA) depth -= 1;
      }
    }
    this.depth = depth;
    return chunk.length;
  }

  /** The answer's own keys; with managedFields dropped, also each item's and its metadata's. */
  private watchesKeys(): boolean {
    if (this.depth === 1) return true;
    if (!this.inItems || this.options.dropManagedFields !== true) return false;
    return this.depth === ITEM_DEPTH || (this.inMetadata && this.depth === METADATA_DEPTH);
  }

  /** `"managedFields":` read: the item keeps `null` for its value, whatever that value's bytes are. */
  private startSkipping(chunk: Buffer, colon: number): void {
    this.item.add(chunk, this.start, colon + 1);
    this.item.addNull();
    this.skipping = true;
    this.lastMetadataKeyIsManagedFields = false;
  }

  /**
   * Past a string's bytes in this chunk by searching for its closing quote (most of a list is
   * strings): the index after that quote, or the chunk's end with the string still open.
   */
  private skipString(chunk: Buffer, from: number): number {
    let index = from;
    if (this.escaped) {
      this.escaped = false;
      index += 1;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, index);
      const end = quote === -1 ? chunk.length : quote;
      let backslashes = 0;
      while (end - backslashes - 1 >= index && chunk[end - backslashes - 1] === BACKSLASH) backslashes += 1;
      if (quote === -1) {
        this.escaped = backslashes % 2 === 1;
        return chunk.length;
      }
      if (backslashes % 2 === 0) {
        this.inString = false;
        return quote + 1;
      }
      index = quote + 1;
    }
  }

  private stringByte(byte: number): void {
    if (this.escaped) this.escaped = false;
    else if (byte === BACKSLASH) this.escaped = true;
    else if (byte === QUOTE) {
      this.inString = false;
      if (this.readingKey) this.keyRead();
      this.readingKey = false;
      return;
    }
    if (this.readingKey && this.key.length < MAX_KEY) this.key.push(byte);
  }

  private keyRead(): void {
    if (this.depth === 1) this.lastKeyIsItems = isKey(this.key, ITEMS_KEY);
    else if (this.depth === ITEM_DEPTH) this.lastItemKeyIsMetadata = isKey(this.key, METADATA_KEY);
    else this.lastMetadataKeyIsManagedFields = isKey(this.key, MANAGED_FIELDS_KEY);
  }

  private openString(): void {
    this.inString = true;
    this.readingKey = this.keyPosition && this.watchesKeys() && !this.skipping;
    if (this.readingKey) this.key = [];
  }

  /** One element of `items` is complete; an empty piece is fine only as the whole of `[]`. */
  private emit(closing: boolean): void {
    const text = this.item.take();
    if (isBlank(text) && closing && this.itemsSeen === 0) return;
    this.itemsSeen += 1;
    this.onItem(parsePiece(text, `item ${this.itemsSeen}`));
  }
}
