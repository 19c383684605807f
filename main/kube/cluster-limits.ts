/**
 * What one context may send before the app gives up on it: a hostile or runaway API server must
 * not fill the main process's memory or keep a list going for ever.
 */
export interface ClusterLimits {
  /** Bytes of one answer, read as they arrive. */
  maxResponseBytes: number;
  /** Items of one list, over all its pages. */
  maxListItems: number;
  /** Pages of one list: a server may send short pages, never endless ones. */
  maxListPages: number;
}

export const DEFAULT_CLUSTER_LIMITS: ClusterLimits = {
  maxResponseBytes: 64 * 1024 * 1024,
  maxListItems: 100_000,
  maxListPages: 1_000,
};

/** `64 MiB`, `512 KiB`, `300 bytes`: the byte limit as an operator reads it. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
