const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a (32-bit) of bytes. Pure 32-bit integer arithmetic (Math.imul, >>> 0), so every machine,
 * Node version and language that implements FNV-1a gets the same value.
 */
export function fnv1a32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * The shard of a client: FNV-1a (32-bit) of the UTF-8 bytes of its client_id (as ingest reads it:
 * unquoted, spaces and tabs trimmed) modulo the number of shards. Inputs partitioned elsewhere
 * must use the same rule to be scored as shards.
 *
 * @example
 * shardOfClient('C000001', 8); // the same number on every machine
 */
export function shardOfClient(clientId: string, shards: number): number {
  return fnv1a32(Buffer.from(clientId, 'utf8')) % shards;
}
