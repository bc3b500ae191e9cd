/**
 * The one way app code gets a logger: pino, JSON in production, pretty in a
 * terminal during development, with secrets and document contents redacted
 * before any line leaves the process. With a Logtail source token, lines
 * also go to Better Stack (Logtail) through @logtail/pino, still redacted.
 * Processes create a root logger once and hand out children with ids bound
 * (request, tenant, document, workflow). Must never log raw document bytes.
 */
import { pino, type Logger, type LoggerOptions, type TransportTargetOptions } from 'pino';

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
  /** Ship logs to Better Stack (Logtail); `endpoint` overrides its ingestion URL (tests use a local receiver). */
  logtail?: { sourceToken: string; endpoint?: string };
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level,
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    base: { service: settings.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const console: TransportTargetOptions = settings.pretty
    ? {
        target: 'pino-pretty',
        level: settings.level,
        options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' },
      }
    : { target: 'pino/file', level: settings.level, options: { destination: 1 } };
  if (!settings.logtail && !settings.pretty) return pino(options);
  const targets: TransportTargetOptions[] = [console];
  if (settings.logtail) {
    targets.push({
      target: '@logtail/pino',
      level: settings.level,
      options: {
        sourceToken: settings.logtail.sourceToken,
        options: { ...(settings.logtail.endpoint ? { endpoint: settings.logtail.endpoint } : {}), batchInterval: 500 },
      },
    });
  }
  return pino(options, pino.transport({ targets }));
}
