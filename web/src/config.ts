/**
 * The web server's configuration (DESIGN §5), parsed once with
 * @akount/config. Server-only: client components get public values through
 * props, never from here. Parsed on first use rather than at import, because
 * `next build` imports every page with NODE_ENV=production and no runtime
 * secrets; `instrumentation.ts` makes that first use happen at server boot.
 */
import 'server-only';
import { groups, loadConfig } from '@akount/config';

const webGroups = [groups.runtime, groups.web, groups.monitoring] as const;

export type WebConfig = ReturnType<typeof parse>;

function parse() {
  return loadConfig('web', webGroups, process.env);
}

let parsed: WebConfig | undefined;

export function webConfig(): WebConfig {
  parsed ??= parse();
  return parsed;
}
