/**
 * The one error shape, `{ error: { code, message, details?, requestId } }`,
 * for thrown AppErrors, validation failures (with field paths), Fastify's own
 * errors (body too large, rate limited, bad JSON) and unknown 404 routes.
 * Unexpected errors answer 500 without leaking internals and are reported.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Prisma } from '@akount/db';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode } from '../http/errors';

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, requestId: String(request.id) } };
  if (details !== undefined) body.error.details = details;
  return reply.code(status).type('application/json').send(body);
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

export function registerErrorHandler(app: FastifyInstance, onUnexpected: (error: unknown, request: FastifyRequest) => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.httpStatus, error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const details = error.validation.map((issue) => ({
        path: [
          where,
          ...String(issue.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: issue.message,
      }));
      return send(reply, request, 400, 'VALIDATION_FAILED', `The ${where} is not valid`, details);
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === 'P2002') return send(reply, request, 409, 'CONFLICT', 'A record with these values already exists');
      if (error.code === 'P2003') return send(reply, request, 422, 'UNPROCESSABLE', 'A referenced record does not exist');
      if (error.code === 'P2025') return send(reply, request, 404, 'NOT_FOUND', 'Record not found');
    }
    // PostgreSQL 22021: text with a NUL byte (or invalid UTF-8) cannot be stored or compared; the same
    // refusal whether it came through Prisma (in its message) or the pg driver (its `code`).
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '22021' || (error instanceof Prisma.PrismaClientKnownRequestError && error.message.includes('22021')))
      return send(reply, request, 400, 'VALIDATION_FAILED', 'Text must not contain NUL characters');
    const status = error.statusCode ?? 500;
    if (status < 500 && statusCodes[status]) return send(reply, request, status, statusCodes[status], error.message);
    onUnexpected(error, request);
    request.log.error({ err: error }, 'unhandled error');
    return send(
      reply,
      request,
      500,
      'INTERNAL',
      'Something went wrong on our side. It has been reported; quote the request id if it persists.',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
}
