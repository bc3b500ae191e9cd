/** Every activity the worker registers. Workflows import their types only. */
export { ping } from './ping';
export type { PingResult } from './ping';
