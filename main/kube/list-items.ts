// Reads a Kubernetes list answer item by item as its bytes arrive, so a page of 10,000 pods is
// never one string or one parsed tree: each element of the top-level `items` array is parsed on
// its own and handed over, and only the rest of the envelope (kind, metadata.continue) is kept.
// JSON's structural characters are ASCII and never occur inside a UTF-8 multi-byte sequence, so
// scanning bytes is safe; JSON.parse still validates every piece.
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
  /** At depth 1, between `{` or `,` and `:`: the next string is a key. */
  private keyPosition = false;
  /** The bytes of the key being read at depth 1, up to one more than `items` has. */
  private key: number[] = [];
  private readingKey = false;
  private lastKeyIsItems = false;
  private inItems = false;
  /** Where the piece of the current chunk not yet handed to the envelope or the item starts. */
  private start = 0;
  private itemsSeen = 0;
  private readonly envelope = new Pieces();
  private readonly item = new Pieces();

  constructor(private readonly onItem: (item: unknown) => void) {}

  /** Throws what `onItem` throws, or a ListSyntaxError for an item that is not JSON. */
  push(chunk: Buffer): void {
    this.start = 0;
    let index = 0;
    while (index < chunk.length) {
      if (this.inString && !this.readingKey) {
        index = this.skipString(chunk, index);
        continue;
      }
      if (this.inString) this.stringByte(chunk[index]!);
      else this.structural(chunk, index);
      index += 1;
    }
    (this.inItems ? this.item : this.envelope).add(chunk, this.start, chunk.length);
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
    if (byte === QUOTE) this.openString();
    else if (byte === COLON && this.depth === 1) this.keyPosition = false;
    else if (byte === COMMA) {
      if (this.inItems && this.depth === 2) {
        this.item.add(chunk, this.start, index);
        this.emit(false);
        this.start = index + 1;
      } else if (this.depth === 1) this.keyPosition = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      this.depth += 1;
      if (this.depth === 1) this.keyPosition = byte === OPEN_OBJECT;
      if (byte === OPEN_ARRAY && this.depth === 2 && this.lastKeyIsItems && !this.keyPosition) {
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
      this.depth -= 1;
    }
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
      if (this.readingKey) this.lastKeyIsItems = this.key.length === ITEMS_KEY.length && ITEMS_KEY.every((value, index) => this.key[index] === value);
      this.readingKey = false;
      return;
    }
    if (this.readingKey && this.key.length <= ITEMS_KEY.length) this.key.push(byte);
  }

  private openString(): void {
    this.inString = true;
    this.readingKey = this.depth === 1 && this.keyPosition;
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
