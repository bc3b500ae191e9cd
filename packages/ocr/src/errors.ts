/**
 * The one error type the document readers throw for input they cannot use. Each code names what
 * is wrong with the file (not with the program), so the CLI, the API and the workflow can show it
 * to the user as is; anything else thrown by a reader is a bug and should surface as one.
 */
export type DocumentErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_TYPE'
  | 'CORRUPT_PDF'
  | 'ENCRYPTED_PDF'
  | 'TOO_MANY_PAGES'
  | 'CORRUPT_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NOT_TEXT'
  | 'BAD_STATEMENT';

export class DocumentError extends Error {
  override readonly name = 'DocumentError';

  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    /** 1-based line of a text file where the problem is, when there is one. */
    readonly line?: number,
  ) {
    super(message);
  }
}
