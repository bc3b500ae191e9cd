/**
 * The browser's way to the document API: same origin, so the session (Clerk's cookie or the dev
 * sign-in's httpOnly cookie; the browser never handles the token) becomes the bearer token here. The API verifies it on every call, so this
 * route does not ask /api/system/me first: the inbox polls through here, and that would double
 * every poll. Without x-tenant-id the API uses the user's first tenant, as the pages do. Bodies stream both ways — an upload is
 * piped to the API as it arrives, so the browser's progress bar measures the real transfer and
 * nothing is buffered in this process — and the API's status and JSON error pass through
 * unchanged, so the UI shows the server's own reasons. Only /api/services/documents/* is reachable.
 */
import { type NextRequest } from 'next/server';
import { forwardedHeaders } from '../../../../api-request';
import { webConfig } from '../../../../config';
import { sessionToken } from '../../../../session-token';

const forwardedRequestHeaders = ['content-type', 'content-length', 'accept'];
const forwardedResponseHeaders = ['content-type', 'content-disposition', 'content-length', 'retry-after'];
const segment = /^[\w-]+$/;

async function forward(request: NextRequest, params: Promise<{ path?: string[] }>): Promise<Response> {
  const { path = [] } = await params;
  if (!path.every((part) => segment.test(part)))
    return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, { status: 404 });
  const token = await sessionToken();
  if (!token) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again to continue' } }, { status: 401 });
  const target = new URL(`/api/services/documents${path.length > 0 ? `/${path.join('/')}` : ''}`, webConfig().API_INTERNAL_URL);
  target.search = request.nextUrl.search;
  // The visitor's address and request id too: the API rate-limits per client IP.
  const headers = new Headers({ ...forwardedHeaders(request.headers), authorization: `Bearer ${token}` });
  for (const name of forwardedRequestHeaders) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method,
      headers,
      cache: 'no-store',
      ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    return Response.json(
      { error: { code: 'API_UNAVAILABLE', message: 'The Akount API cannot be reached right now; try again in a moment' } },
      { status: 503 },
    );
  }
  const responseHeaders = new Headers({ 'cache-control': 'no-store' });
  for (const name of forwardedResponseHeaders) {
    const value = answer.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  return new Response(answer.body, { status: answer.status, headers: responseHeaders });
}

type Context = { params: Promise<{ path?: string[] }> };
export const GET = (request: NextRequest, context: Context) => forward(request, context.params);
export const POST = (request: NextRequest, context: Context) => forward(request, context.params);
