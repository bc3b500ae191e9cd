/** The workflows the worker registers (this file is the worker's workflow bundle entry). */
export { pingWorkflow } from './ping';
export { documentScanWorkflow } from './document-scan/workflow';
