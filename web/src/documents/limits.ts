/**
 * The API's upload checks, done in the browser before a byte is sent: the size cap and the file's
 * type decided from its first bytes (never from its name), with the same messages the API answers
 * (api/src/domains/services/document-errors.ts, packages/ocr/src/sniff.ts), so a refused file
 * reads the same whether the browser or the server caught it. The server still checks everything;
 * its own refusal (page limit, damaged PDF, a changed UPLOAD_MAX_BYTES) is shown as it comes.
 */

/** The API's UPLOAD_MAX_BYTES default; the web server cannot read the API's configuration. */
export const uploadMaxBytes = 10 * 1024 * 1024;
/** The API's DOCUMENT_MAX_PAGES default, for the explanation next to the upload zone. */
export const documentMaxPages = 50;
/** How much of each file the check reads: as much as the API sniffs. */
export const sniffBytes = 64 * 1024;

export type UploadKind = 'pdf' | 'png' | 'jpeg';
export const uploadMimeTypes: Record<UploadKind, string> = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' };

export type FileCheck = { ok: true; kind: UploadKind } | { ok: false; message: string };

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpegSignature = [0xff, 0xd8, 0xff];
const pdfMarker = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const imageExtensions = ['.pdf', '.png', '.jpg', '.jpeg'];
const ocrSupportedTypes = '.pdf .png .jpg .jpeg .csv .ofx .qfx .txt';

/** "10 MB", "512 KB", as the API writes sizes in its messages. */
export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

/** PDF allows its header anywhere in the first 1024 bytes. */
function isPdf(bytes: Uint8Array): boolean {
  const window = bytes.subarray(0, 1024);
  for (let at = 0; at + pdfMarker.length <= window.length; at += 1)
    if (pdfMarker.every((byte, index) => window[at + index] === byte)) return true;
  return false;
}

function decodedText(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, sniffBytes);
  if (sample.includes(0)) return null;
  const decoded = new TextDecoder('utf-8').decode(sample);
  let replacements = 0;
  for (const char of decoded) if (char === '\uFFFD') replacements += 1;
  return replacements <= Math.max(2, decoded.length / 100) ? decoded : null;
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

const unsupported = (reason: string): FileCheck => ({ ok: false, message: `Only PDF, PNG and JPEG documents are accepted: ${reason}` });
const empty = (reason: string): FileCheck => ({ ok: false, message: `The file is empty: ${reason}` });

/** What the API's sniffer says about a file that is not a PDF, PNG or JPEG. */
function refuseOther(head: Uint8Array, extension: string): FileCheck {
  const text = decodedText(head);
  if (text === null) {
    const claimed = imageExtensions.includes(extension) ? ` (the name says ${extension}, the bytes do not)` : '';
    return unsupported(`not a PDF, PNG, JPEG or text file${claimed}; supported: ${ocrSupportedTypes}`);
  }
  if (text.trim() === '') return empty('the file contains only whitespace');
  if (/^\s*(?:\uFEFF)?(?:OFXHEADER\s*:|<\?xml[^>]*>\s*<\?OFX|<OFX>)/i.test(text.slice(0, 2048)) || ['.ofx', '.qfx'].includes(extension))
    return unsupported('this file is a OFX file');
  if (imageExtensions.includes(extension)) return unsupported(`the name says ${extension} but the file is plain text`);
  if (extension === '.csv') return unsupported('this file is a CSV file');
  if (extension === '.txt' || extension === '') return unsupported('this file is plain text');
  return unsupported(`unsupported file type "${extension}"; supported: ${ocrSupportedTypes}`);
}

/**
 * Checks one file as the API would: `head` is its first bytes (up to `sniffBytes`), `size` its
 * full length. The type is checked before the size, in the API's order.
 */
export function checkUpload(fileName: string, size: number, head: Uint8Array, maxBytes = uploadMaxBytes): FileCheck {
  if (size === 0 || head.length === 0) return empty('the file is empty');
  let kind: UploadKind | null = null;
  if (isPdf(head)) kind = 'pdf';
  else if (startsWith(head, pngSignature)) kind = 'png';
  else if (startsWith(head, jpegSignature)) kind = 'jpeg';
  if (kind === null) return refuseOther(head, extensionOf(fileName));
  if (size > maxBytes)
    return { ok: false, message: `The file is larger than ${formatLimit(maxBytes)}; upload a smaller scan or split the PDF` };
  return { ok: true, kind };
}

/** Reads the head of a browser File and checks it. */
export async function checkFile(file: File, maxBytes = uploadMaxBytes): Promise<FileCheck> {
  const head = new Uint8Array(await file.slice(0, sniffBytes).arrayBuffer());
  return checkUpload(file.name, file.size, head, maxBytes);
}
