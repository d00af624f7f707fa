import type { IncomingMessage } from 'node:http';

/**
 * DNS-rebinding guard. A web page on attacker.example can make its own name resolve to 127.0.0.1 and
 * then talk to the kiosk "same-origin" from the browser's point of view; the only thing that still
 * names the attacker is the Host header (and Origin). So every request and WebSocket upgrade must
 * carry a Host this server answers to: a loopback name with our port, or a name the owner configured.
 */
export interface HostAllowlist {
  /** Why the request is refused, or null when it may go on. */
  refusal(req: Pick<IncomingMessage, 'headers'>): HostRefusal | null;
  /** The allowed `name:port` values, for error messages and tests. */
  readonly hosts: readonly string[];
}

export interface HostRefusal {
  /** 421 for a foreign Host (this server is not that site), 403 for a foreign Origin. */
  status: 421 | 403;
  message: string;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Builds the allowlist for a server listening on `port`; `extra` are configured names (`name` or `name:port`). */
export function createHostAllowlist(port: number, extra: readonly string[] = []): HostAllowlist {
  const hosts = new Set<string>();
  const add = (name: string) => {
    const n = name.trim().toLowerCase();
    if (!n) return;
    const hasPort = /:\d+$/.test(n) && (!n.includes('::') || n.startsWith('['));
    hosts.add(hasPort ? n : `${bracketed(n)}:${port}`);
    // Browsers leave the port out of Host (and Origin) when it is the scheme's default.
    if (!hasPort && port === 80) hosts.add(bracketed(n));
  };
  for (const n of LOOPBACK_NAMES) add(n);
  for (const n of extra) add(n);
  const list = [...hosts];

  const allowed = (hostHeader: string) => hosts.has(hostHeader.trim().toLowerCase());
  return {
    hosts: list,
    refusal(req) {
      const host = req.headers.host;
      if (!host || !allowed(host)) {
        return {
          status: 421,
          message: `Host '${clip(host ?? '(none)')}' is not served here (DNS rebinding protection); use one of ${list.join(', ')} or add the name to config api.allowedHosts`,
        };
      }
      const origin = req.headers.origin;
      if (origin === undefined) return null;
      let originHost: string | null = null;
      try {
        const u = new URL(origin);
        if (u.protocol === 'http:' || u.protocol === 'https:') originHost = u.host;
      } catch {
        originHost = null;
      }
      if (!originHost || !allowed(originHost)) {
        return {
          status: 403,
          message: `Origin '${clip(origin)}' may not call this kiosk (cross-origin requests are refused)`,
        };
      }
      return null;
    },
  };
}

function bracketed(name: string): string {
  return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
}

/** A hostile header can be long or carry control characters; never echo more than a short, printable part. */
function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}
