export { ConfigError, loadConfig, missingInProduction, withoutBlanks } from './env';
export type { ConfigIssue, ConfigOf, Env } from './env';
export * as groups from './groups';
