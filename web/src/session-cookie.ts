/**
 * The dev sign-in cookie's name, shared by the proxy (which only checks that
 * it exists) and the session module (which resolves it to a user). Free of
 * imports so the proxy bundle stays small; must never hold anything secret.
 */
export const sessionCookieName = 'akount_session';
