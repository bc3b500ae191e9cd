/**
 * The web server's configuration, parsed once (DESIGN §5). Server-only:
 * client components get public values through props, never from here.
 */
import 'server-only';
import { groups, loadConfig } from '@akount/config';

export const config = loadConfig('web', [groups.runtime, groups.web], process.env);
