/**
 * The app's processes (worker, api, web) for the stack and deploy suites: `launchApps` from the
 * bootstrap, which launches them with the same definitions `npm start` uses.
 */
import { launchApps } from '../../scripts/bootstrap/processes.mjs';

export { launchApps };
export type LaunchedApps = ReturnType<typeof launchApps>;

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`npm test\``);
  return value;
}
