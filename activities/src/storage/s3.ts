/**
 * S3Driver: documents in DigitalOcean Spaces or any S3-compatible store. Bodies stream: a Buffer
 * or a stream shorter than one part goes up as one PutObject, a longer stream as a multipart upload
 * (aborted on any failure, so no orphan parts are billed). Reads stream the response body. Copies
 * happen server-side. The SHA-256 the driver computed rides along as `x-amz-meta-sha256`.
 */
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from './download-name';
import { RunningDigest, sha256Hex } from './digest';
import { checkDigest, presignSeconds, StorageError } from './driver';
import type { PresignOptions, PutOptions, PutResult, StorageDriver, StoredObject } from './driver';
import { assertValidKey, assertValidPrefix } from './keys';
import { fixedSizeParts, minPartBytes } from './parts';
import { toStorageError } from './s3-errors';

export interface S3DriverOptions {
  /** e.g. https://nyc3.digitaloceanspaces.com; unset means AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (endpoint/bucket/key): needed by most self-hosted servers; Spaces works either way. */
  forcePathStyle?: boolean;
  /** Sent on every write when set, e.g. 'AES256'. */
  serverSideEncryption?: ServerSideEncryption;
  /** Streams longer than this go up in parts of this size; default 8 MiB, at least 5 MiB. */
  partSizeBytes?: number;
}

const metaDigest = 'sha256';

export class S3Driver implements StorageDriver {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly encryption: ServerSideEncryption | undefined;
  private readonly partSize: number;

  constructor(options: S3DriverOptions) {
    this.bucket = options.bucket;
    this.encryption = options.serverSideEncryption;
    this.partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
    if (this.partSize < minPartBytes) throw new RangeError(`partSizeBytes must be at least ${minPartBytes}`);
    this.client = new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      forcePathStyle: options.forcePathStyle ?? false,
      // The SDK's default CRC32 trailers are not understood by every S3-compatible server (Spaces
      // among them); send checksums only where the API requires them. sha256 is checked here.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private async send<T>(what: string, key: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toStorageError(error, what, key);
    }
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    assertValidKey(key);
    if (Buffer.isBuffer(body)) return this.putWhole(key, body, options);
    const parts = fixedSizeParts(body, this.partSize)[Symbol.asyncIterator]();
    const first = await parts.next();
    const firstPart = first.done ? Buffer.alloc(0) : first.value;
    const second = first.done ? first : await parts.next();
    if (second.done) return this.putWhole(key, firstPart, options);
    return this.putInParts(key, [firstPart, second.value], parts, options);
  }

  private async putWhole(key: string, body: Buffer, options: PutOptions): Promise<PutResult> {
    const sha256 = sha256Hex(body);
    checkDigest(key, options.sha256, sha256);
    await this.send('put', key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ContentType: options.contentType,
          Metadata: { [metaDigest]: sha256 },
          ServerSideEncryption: this.encryption,
        }),
      ),
    );
    return { key, size: body.length, sha256 };
  }

  private async putInParts(key: string, head: Buffer[], rest: AsyncIterator<Buffer>, options: PutOptions): Promise<PutResult> {
    const digest = new RunningDigest();
    // Without a digest from the caller it is only known at the end, too late for the upload's
    // metadata; the completed object is then re-stamped by a server-side self-copy.
    const created = await this.send('put', key, () =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: options.contentType,
          ...(options.sha256 ? { Metadata: { [metaDigest]: options.sha256.toLowerCase() } } : {}),
          ServerSideEncryption: this.encryption,
        }),
      ),
    );
    const uploadId = created.UploadId;
    if (!uploadId) throw new StorageError('unavailable', `the store gave no upload id for ${key}`);
    const done: { ETag: string; PartNumber: number }[] = [];
    try {
      const upload = async (part: Buffer) => {
        digest.update(part);
        const PartNumber = done.length + 1;
        const answer = await this.client.send(
          new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length }),
        );
        done.push({ ETag: answer.ETag ?? '', PartNumber });
      };
      for (const part of head) await upload(part);
      for (let next = await rest.next(); !next.done; next = await rest.next()) await upload(next.value);
      const sha256 = digest.hex();
      checkDigest(key, options.sha256, sha256);
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: done } }),
      );
      if (!options.sha256) await this.restamp(key, options.contentType, sha256);
      return { key, size: digest.size, sha256 };
    } catch (error) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error instanceof StorageError ? error : toStorageError(error, 'put', key);
    }
  }

  private async restamp(key: string, contentType: string, sha256: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: key,
        CopySource: this.copySource(key),
        MetadataDirective: 'REPLACE',
        ContentType: contentType,
        Metadata: { [metaDigest]: sha256 },
        ServerSideEncryption: this.encryption,
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    const answer = await this.send('get', key, () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })));
    if (!(answer.Body instanceof Readable)) throw new StorageError('unavailable', `the store sent no body for ${key}`);
    return answer.Body;
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    assertValidKey(key);
    try {
      const head = await this.send('stat', key, () => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })));
      const stored: StoredObject = { key, size: head.ContentLength ?? 0, contentType: head.ContentType ?? 'application/octet-stream' };
      const digest = head.Metadata?.[metaDigest];
      if (digest) stored.sha256 = digest;
      return stored;
    } catch (error) {
      if (error instanceof StorageError && error.code === 'not-found') return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  private copySource(key: string): string {
    return `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    await this.send('copy', fromKey, () =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: toKey,
          CopySource: this.copySource(fromKey),
          MetadataDirective: 'COPY',
          ServerSideEncryption: this.encryption,
        }),
      ),
    );
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.send('delete', key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'not-found')) throw error;
    }
  }

  async presignedGetUrl(key: string, options?: PresignOptions): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options?.downloadName === undefined ? {} : { ResponseContentDisposition: attachmentDisposition(options.downloadName) }),
    });
    return getSignedUrl(this.client, command, { expiresIn: presignSeconds(options) });
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.send('list', prefix, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}
