/**
 * Cuts a stream into upload parts of exactly `size` bytes (the last one shorter), holding at most
 * one part plus one incoming chunk in memory. S3 needs every part but the last to be ≥ 5 MiB and a
 * known length per request, which a stream of unknown length cannot give a single PutObject.
 */
export const minPartBytes = 5 * 1024 * 1024;

export async function* fixedSizeParts(source: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (pendingBytes + chunk.length >= size) {
      const take = size - pendingBytes;
      pending.push(chunk.subarray(0, take));
      yield Buffer.concat(pending, size);
      pending = [];
      pendingBytes = 0;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) {
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}
