import { describe, expect, it } from 'vitest';
import { ListItemsReader, ListSyntaxError, type ListEnvelope } from '../../main/kube/list-items';

// The list reader hands over each element of `items` as JSON.parse would see it, whatever the
// chunk boundaries (inside strings, escapes and multi-byte characters), and keeps the envelope.

function read(body: string, chunkSize: number, options?: { dropManagedFields?: boolean }): { items: unknown[]; envelope: ListEnvelope } {
  const items: unknown[] = [];
  const reader = new ListItemsReader((item) => items.push(item), options);
  const bytes = Buffer.from(body, 'utf8');
  for (let index = 0; index < bytes.length; index += chunkSize) reader.push(bytes.subarray(index, index + chunkSize));
  return { items, envelope: reader.finish() };
}

function failureOf(body: string, chunkSize = 5): Error {
  try {
    read(body, chunkSize);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const TRICKY = [
  { metadata: { name: 'a', annotations: { quote: 'say "hi"', slash: 'C:\\dir\\', brackets: '}],{["items":[' } } },
  { metadata: { name: 'é☺😀', labels: { 'it\u0065ms': 'x' } }, items: [1, [2, { items: 3 }]], spec: { n: -1.5e3, t: true, f: false, z: null } },
  { metadata: { name: 'backslash-before-quote\\' }, data: { k: '\\\\"\\' } },
];

describe('ListItemsReader', () => {
  const body = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7', continue: 'eyJ0b2tlbiI6MX0' }, items: TRICKY }, null, 1);

  it.each([1, 2, 3, 7, 64, 100_000])('hands over each item as JSON.parse reads it, in chunks of %i bytes', (size) => {
    const { items, envelope } = read(body, size);
    expect(items).toEqual(TRICKY);
    expect(envelope).toEqual({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7', continue: 'eyJ0b2tlbiI6MX0' }, items: [] });
  });

  it('finds items after other arrays and before the metadata, and reads empty lists', () => {
    expect(read('{"other":[[1],{"items":[9]}],"items":[{"a":1},{"b":2}],"metadata":{"continue":""}}', 4).items).toEqual([{ a: 1 }, { b: 2 }]);
    expect(read('{"items": [ ] ,"metadata":{}}', 3)).toEqual({ items: [], envelope: { items: [], metadata: {} } });
    expect(read('{"items":null}', 2).items).toEqual([]);
    expect(read('{"kind":"List"}', 2).items).toEqual([]);
  });

  it('a key spelt with escapes is still items, read from the envelope', () => {
    expect(read('{"it\\u0065ms":[{"a":1}]}', 3).items).toEqual([{ a: 1 }]);
  });

  it.each([
    ['a truncated answer', '{"items":[{"a":1},{"b":', 'the answer ends too early'],
    ['an item that is not JSON', '{"items":[{"a":1},{"b":SECRETVALUE}]}', 'item 2: line 1, column 6'],
    ['a trailing comma', '{"items":[{"a":1},]}', 'item 2: the text is empty'],
    ['an envelope that is not JSON', '{"metadata":{"continue":SECRETVALUE},"items":[]}', 'the list around the items: line 1, column 25'],
    ['a top level that is a list', '[{"a":1}]', 'the answer is not a JSON object'],
    ['items that are not a list', '{"items":{"a":1}}', 'items is not a list'],
  ])('%s fails with where, never what', (_what, text, detail) => {
    const failure = failureOf(text);
    expect(failure).toBeInstanceOf(ListSyntaxError);
    expect(failure.message).toBe(detail);
  });

  describe('dropping metadata.managedFields', () => {
    const managed = [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:data': { '.': {}, 'f:x': {} }, 'f:metadata': { 'f:labels': { 'f:managedFields': {} } } }, note: 'a "}]," in a string' }];
    const items = [
      { metadata: { name: 'a', managedFields: managed, labels: { managedFields: 'label' } }, managedFields: 'not metadata', data: { managedFields: [1] } },
      { kind: 'metadata', metadata: { managedFields: managed } },
      { metadata: { managedFields: [], name: 'c' }, spec: { metadata: { managedFields: managed } } },
      { metadata: { name: 'd', managedFields: null } },
      { metadata: { name: 'e', 'managed~ields': 'kept' } },
      { metadata: ['x', { managedFields: 1 }] },
      { other: [{ metadata: { managedFields: 2 } }] },
    ];
    const text = JSON.stringify({ kind: 'SecretList', items, metadata: { continue: 'c', managedFields: 'envelope' } }).replace('managed~ields', 'managed\\u0046ields');

    it.each([1, 2, 5, 64, 100_000])('nulls the value of each item metadata.managedFields only, in chunks of %i bytes', (size) => {
      const { items: read1, envelope } = read(text, size, { dropManagedFields: true });
      expect(read1).toEqual([
        { metadata: { name: 'a', managedFields: null, labels: { managedFields: 'label' } }, managedFields: 'not metadata', data: { managedFields: [1] } },
        { kind: 'metadata', metadata: { managedFields: null } },
        { metadata: { managedFields: null, name: 'c' }, spec: { metadata: { managedFields: managed } } },
        { metadata: { name: 'd', managedFields: null } },
        { metadata: { name: 'e', managedFields: 'kept' } },
        items[5],
        items[6],
      ]);
      expect(envelope.metadata).toEqual({ continue: 'c', managedFields: 'envelope' });
      // A key spelt with escapes is not recognised, so its value is kept: never a wrong drop.
      expect(read(text, size).items).toEqual(items.map((item, index) => (index === 4 ? { metadata: { name: 'e', managedFields: 'kept' } } : item)));
    });

    it('a broken item still fails around a dropped value', () => {
      expect(() => read('{"items":[{"metadata":{"managedFields":[{"a":1}]]}}]}', 3, { dropManagedFields: true })).toThrow(ListSyntaxError);
      expect(() => read('{"items":[{"metadata":{"managedFields":[1],"name":SECRET}}]}', 3, { dropManagedFields: true })).toThrow(ListSyntaxError);
      expect(() => read('{"items":[{"metadata":{"managedFields":[1]', 3, { dropManagedFields: true })).toThrow('the answer ends too early');
    });
  });

  it('stops at once when the consumer throws (a limit), without reading on', () => {
    const reader = new ListItemsReader(() => {
      throw new RangeError('limit');
    });
    expect(() => reader.push(Buffer.from('{"items":[{"a":1},'))).toThrow('limit');
  });
});
