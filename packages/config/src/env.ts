/**
 * Turns a process environment into a typed config object, once, at boot.
 * Every problem is collected and reported together, by variable name, so a
 * misconfigured deploy fails with one readable message instead of the first
 * error only. Never reads process.env itself: callers pass it in.
 */
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(processName: string, issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.message}`);
    const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    super(`Invalid configuration for ${processName} (${count}):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Empty strings mean "unset": `FOO=` in an .env file must not count as a value. */
export function withoutBlanks(env: Env): Env {
  const cleaned: Env = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  return cleaned;
}

export function missingInProduction(env: Env, variables: readonly string[], why: string): ConfigIssue[] {
  return variables
    .filter((variable) => env[variable] === undefined)
    .map((variable) => ({ variable, message: `is required when NODE_ENV=production (${why})` }));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}

interface GroupLike<Shape extends z.ZodRawShape> {
  shape: Shape;
  production: (env: Env) => ConfigIssue[];
}

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

type MergedShape<Groups extends readonly GroupLike<z.ZodRawShape>[]> = UnionToIntersection<Groups[number]['shape']>;

/** The typed config object for a list of groups: every variable, with defaults applied. */
export type ConfigOf<Groups extends readonly GroupLike<z.ZodRawShape>[]> =
  MergedShape<Groups> extends infer Shape extends z.core.$ZodShape ? z.output<z.ZodObject<Shape>> : never;

/**
 * Parses `env` against the merged shapes of `groups`. With NODE_ENV=production
 * each group's production rule runs too. Throws one ConfigError naming every
 * missing or invalid variable.
 */
export function loadConfig<const Groups extends readonly GroupLike<z.ZodRawShape>[]>(
  processName: string,
  groups: Groups,
  env: Env,
): ConfigOf<Groups> {
  const input = withoutBlanks(env);
  const shape: z.ZodRawShape = {};
  for (const group of groups) Object.assign(shape, group.shape);

  const result = z.object(shape).safeParse(input);
  const issues: ConfigIssue[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        variable: issue.path.length > 0 ? String(issue.path[0]) : '(environment)',
        message: describe(issue),
      }));
  if (input.NODE_ENV === 'production') {
    for (const group of groups) {
      for (const issue of group.production(input)) {
        if (!issues.some((known) => known.variable === issue.variable)) issues.push(issue);
      }
    }
  }
  if (issues.length > 0 || !result.success) throw new ConfigError(processName, issues);
  return result.data as ConfigOf<Groups>;
}
