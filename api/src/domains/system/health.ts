/**
 * Liveness and readiness. `/health` answers as long as the process serves
 * HTTP; `/health/ready` checks each dependency with its latency and answers
 * 503 when a required one is down, so a load balancer stops sending traffic.
 */
import type { FastifyInstance } from 'fastify';

export interface DependencyCheck {
  name: string;
  required: boolean;
  check: () => Promise<void>;
}

interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  required: boolean;
  error?: string;
}

async function run(dependency: DependencyCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      dependency.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started), required: dependency.required };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'down', latencyMs: Math.round(performance.now() - started), required: dependency.required, error: message };
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(app: FastifyInstance, dependencies: DependencyCheck[], timeoutMs = 3000): void {
  app.get('/health', async () => ({ status: 'ok', service: 'api' }));

  app.get('/health/ready', async (_request, reply) => {
    const results = await Promise.all(dependencies.map(async (dependency) => [dependency.name, await run(dependency, timeoutMs)] as const));
    const checks = Object.fromEntries(results);
    const ready = results.every(([, result]) => result.status === 'up' || !result.required);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
