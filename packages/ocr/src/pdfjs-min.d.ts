// The minified build of pdf.js exports the same API as pdf.mjs, whose types pdf.ts uses.
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs';
