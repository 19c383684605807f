// The objects, as etcd would hold them: one revision counter for everything, keys sorted bytewise
// (`namespace/name`, or `name` for namespaces) so lists come out in the real server's order.
import type { KubeObject } from './resources';

interface Shelf {
  objects: Map<string, KubeObject>;
  keys: string[];
}

export const keyOf = (namespace: string | null, name: string): string => (namespace ? `${namespace}/${name}` : name);

function lowerBound(keys: string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class ObjectStore {
  private revision = 1000;
  private readonly shelves = new Map<string, Shelf>();

  get resourceVersion(): number {
    return this.revision;
  }

  /** Stamps a new resourceVersion on the object (a write) and returns it. */
  nextRevision(): string {
    this.revision += 1;
    return String(this.revision);
  }

  private shelf(resource: string): Shelf {
    let shelf = this.shelves.get(resource);
    if (!shelf) {
      shelf = { objects: new Map(), keys: [] };
      this.shelves.set(resource, shelf);
    }
    return shelf;
  }

  /** Every resource that ever held an object (qualified names for other groups). */
  resourceNames(): string[] {
    return [...this.shelves.keys()];
  }

  get(resource: string, key: string): KubeObject | undefined {
    return this.shelf(resource).objects.get(key);
  }

  put(resource: string, key: string, object: KubeObject): void {
    const shelf = this.shelf(resource);
    if (!shelf.objects.has(key)) shelf.keys.splice(lowerBound(shelf.keys, key), 0, key);
    shelf.objects.set(key, object);
  }

  delete(resource: string, key: string): void {
    const shelf = this.shelf(resource);
    if (!shelf.objects.delete(key)) return;
    shelf.keys.splice(lowerBound(shelf.keys, key), 1);
  }

  /**
   * Objects whose key starts with `prefix`, from key `start` on, in key order, passing `keep`,
   * at most `limit` of them; `rest` counts the keys left after the last one looked at.
   */
  scan(resource: string, prefix: string, start: string, keep: (object: KubeObject) => boolean, limit: number): { items: KubeObject[]; lastKey?: string; more: boolean; rest: number } {
    const shelf = this.shelf(resource);
    const items: KubeObject[] = [];
    let index = lowerBound(shelf.keys, start > prefix ? start : prefix);
    const end = prefix ? lowerBound(shelf.keys, `${prefix}\uffff`) : shelf.keys.length;
    let lastKey: string | undefined;
    for (; index < end && items.length < limit; index += 1) {
      const key = shelf.keys[index]!;
      const object = shelf.objects.get(key)!;
      if (keep(object)) {
        items.push(object);
        lastKey = key;
      }
    }
    // Like etcd, "more" means more keys remain, whether or not any of them would pass `keep`.
    return { items, ...(lastKey === undefined ? {} : { lastKey }), more: index < end && items.length === limit, rest: end - index };
  }
}
