export { ConfigError, loadConfig, missingInProduction, withoutBlanks } from './env.js';
export type { ConfigIssue, ConfigOf, Env } from './env.js';
export * as groups from './groups.js';
