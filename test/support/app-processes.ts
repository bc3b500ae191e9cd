/**
 * The app's processes (worker, api, web) for the stack and deploy suites, launched with the same
 * definitions `npm start` uses, their output kept, and its tail printed when one is not healthy.
 */
import { appProcesses, launch, waitForHealth } from '../../scripts/bootstrap/processes.mjs';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`npm test\``);
  return value;
}

export interface LaunchedApps {
  handles: ReturnType<typeof launch>[];
  output: string[];
  /** Resolves when every process answers its health check; prints the output's tail if one does not. */
  ready: (timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}

export function launchApps(
  ports: Parameters<typeof appProcesses>[0],
  env: Record<string, string>,
  names: string[] = ['worker', 'api', 'web'],
): LaunchedApps {
  const output: string[] = [];
  const handles = appProcesses(ports)
    .filter((definition) => names.includes(definition.name))
    .map((definition) => launch(definition, env, (line: string) => output.push(line)));
  return {
    handles,
    output,
    ready: async (timeoutMs) => {
      try {
        await Promise.all(handles.map((handle) => waitForHealth(handle, timeoutMs)));
      } catch (error) {
        process.stderr.write(output.slice(-60).join(''));
        throw error;
      }
    },
    stop: async () => {
      await Promise.all(handles.map((handle) => handle.stop()));
    },
  };
}
