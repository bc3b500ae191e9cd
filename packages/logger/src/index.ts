/**
 * The one way app code gets a logger: pino, JSON in production, pretty in a
 * terminal during development, with secrets and document contents redacted.
 * Processes create a root logger once and hand out children with ids bound
 * (request, tenant, document, workflow). Must never log raw document bytes.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Paths pino replaces with "[redacted]" wherever they appear in a log object. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.accessToken',
  '*.refreshToken',
  'content',
  '*.content',
  'ocrText',
  '*.ocrText',
  'fileBytes',
] as const;

export interface LoggerSettings {
  name: string;
  level: string;
  pretty: boolean;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level,
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    base: { service: settings.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.pretty) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' } },
    });
  }
  return pino(options);
}
