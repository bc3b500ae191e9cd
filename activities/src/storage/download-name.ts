/**
 * The Content-Disposition header both drivers serve for a download name: an ASCII fallback for old
 * clients plus the exact name in RFC 5987 form. Quotes, backslashes and line breaks never reach
 * the header, so a file name cannot inject another header or break out of the quoted string.
 */
export function attachmentDisposition(downloadName: string): string {
  const cleaned = downloadName.replace(/[\r\n"\\]/g, '').trim() || 'download';
  const ascii = cleaned.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
