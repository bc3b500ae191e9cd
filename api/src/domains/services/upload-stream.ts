/**
 * Stream pieces for uploads: read the first bytes of a file part (to decide its type before a
 * byte is stored) without losing them, cap the size while the rest streams to storage, and
 * discard what is left of a refused file so the multipart parser can move on. Nothing here holds
 * more than the head of a file in memory.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';

export interface PeekedStream {
  /** The first `size` bytes (fewer when the file is shorter). */
  head: Buffer;
  /** Every byte of the file, head included, as one stream. */
  whole(): Readable;
  /** Reads and drops whatever has not been read yet; never throws. */
  discard(): Promise<void>;
}

/**
 * Reads the head through the stream's async iterator and keeps using the same iterator for the
 * rest, so the source is neither destroyed nor read twice.
 */
export async function peek(source: Readable, size: number): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);

  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else yield next.value;
    }
  }

  return {
    head,
    whole: () => Readable.from(rest(), { objectMode: false }),
    async discard() {
      try {
        while (!ended) if ((await iterator.next()).done) ended = true;
      } catch {
        ended = true;
      }
    },
  };
}

/** Passes bytes through and fails with `tooLarge()` as soon as more than `maxBytes` went by. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) done(this.tooLarge());
    else done(null, chunk);
  }
}
