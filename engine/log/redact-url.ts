/**
 * A broker URL may carry credentials (mqtt://user:password@host). Logs, notices, stage info and
 * /health show where we connect, never with what: user and password become `***`.
 */
export function redactUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = u.username ? '***' : '';
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    // Not a URL we can parse: strip anything that looks like userinfo before an '@'.
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
}
