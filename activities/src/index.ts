/** Every activity the worker registers. Workflows import their types only. */
export { ping } from './ping';
export type { PingResult } from './ping';
export { createDocumentActivities } from './documents/create';
export type { DocumentActivities } from './documents/types';
export type { DocumentActivityDeps, MistralSettings } from './documents/deps';
