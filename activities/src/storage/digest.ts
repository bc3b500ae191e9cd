/** SHA-256 and byte count of a body as it goes past, so a write never reads the bytes twice. */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export class RunningDigest {
  private readonly hash = createHash('sha256');
  size = 0;

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  hex(): string {
    return this.hash.copy().digest('hex');
  }
}

/** A pass-through stage for pipelines; read `digest` once the pipeline has finished. */
export class DigestTap extends Transform {
  readonly digest = new RunningDigest();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.digest.update(chunk);
    done(null, chunk);
  }
}

export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
