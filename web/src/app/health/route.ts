/** Liveness of the web server, for the stack's health checks and uptime monitors. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok', service: 'web' });
}
