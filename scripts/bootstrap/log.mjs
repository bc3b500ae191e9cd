// Bootstrap output: short, prefixed lines on stderr so stdout stays usable.
const started = Date.now();

export function say(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[akount ${seconds}s] ${message}\n`);
}

export class BootstrapError extends Error {
  /** @param {string} message @param {string} [hint] */
  constructor(message, hint) {
    super(hint ? `${message}\n  → ${hint}` : message);
    this.name = 'BootstrapError';
  }
}
