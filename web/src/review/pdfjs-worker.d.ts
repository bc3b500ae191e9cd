// PDF.js ships no types for its worker bundle; the review page only hands the module to PDF.js.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
