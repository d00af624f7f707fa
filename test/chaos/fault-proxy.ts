import net from 'node:net';

/**
 * A TCP proxy in front of the broker that misbehaves on command, to reproduce the network faults a
 * kiosk sees in a shop: a cable pulled (cut), a router that accepts and then drops everything
 * (blackhole), and a NAT entry that dies in one direction only (half-open), where neither end gets
 * an RST and only keepalives can notice.
 *
 * Modes apply to existing and new connections alike. Bytes dropped by a fault are gone, so on
 * `restore()` every connection that lost bytes is destroyed (its MQTT stream is corrupt); clean
 * connections keep flowing.
 */
export type ProxyMode = 'pass' | 'blackhole' | 'half-open-up' | 'half-open-down' | 'refuse';

interface Link {
  client: net.Socket;
  upstream: net.Socket | null;
  lostBytes: boolean;
}

export interface ProxyStats {
  accepted: number;
  cuts: number;
  droppedBytes: number;
  forwardedBytes: number;
}

export class FaultProxy {
  private server: net.Server | null = null;
  private readonly links = new Set<Link>();
  private currentMode: ProxyMode = 'pass';
  readonly stats: ProxyStats = { accepted: 0, cuts: 0, droppedBytes: 0, forwardedBytes: 0 };

  constructor(
    private readonly target: { host: string; port: number },
    private readonly listenPort = 0,
  ) {}

  /** Starts listening on 127.0.0.1 (a free port unless one was given) and returns the port. */
  async start(): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  get port(): number {
    const addr = this.server?.address();
    if (!addr || typeof addr === 'string') throw new Error('fault proxy is not listening');
    return addr.port;
  }

  get mode(): ProxyMode {
    return this.currentMode;
  }

  get openConnections(): number {
    return this.links.size;
  }

  /** Destroys every open connection now (both ends see the socket close); the mode is unchanged. */
  cut(): void {
    this.stats.cuts += 1;
    for (const link of [...this.links]) this.drop(link);
  }

  /** Accept and swallow bytes both ways, never forward; neither side is told. */
  blackhole(): void {
    this.currentMode = 'blackhole';
  }

  /** Silently stop forwarding one direction: 'up' = client→broker, 'down' = broker→client. */
  halfOpen(direction: 'up' | 'down'): void {
    this.currentMode = direction === 'up' ? 'half-open-up' : 'half-open-down';
  }

  /** New connections are closed at once, like a broker that is down (existing ones are cut). */
  refuse(): void {
    this.currentMode = 'refuse';
    this.cut();
  }

  /** Back to forwarding; connections that lost bytes while faulty are destroyed. */
  restore(): void {
    this.currentMode = 'pass';
    for (const link of [...this.links]) if (link.lostBytes) this.drop(link);
  }

  async stop(): Promise<void> {
    for (const link of [...this.links]) this.drop(link);
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.stats.accepted += 1;
    if (this.currentMode === 'refuse') {
      client.destroy();
      return;
    }
    const link: Link = { client, upstream: null, lostBytes: false };
    this.links.add(link);
    client.setNoDelay(true);
    client.on('data', (chunk: Buffer) => this.forward(link, 'up', chunk));
    client.on('error', () => this.drop(link));
    client.on('close', () => this.drop(link));
  }

  private passes(direction: 'up' | 'down'): boolean {
    switch (this.currentMode) {
      case 'pass':
        return true;
      case 'half-open-up':
        return direction === 'down';
      case 'half-open-down':
        return direction === 'up';
      default:
        return false;
    }
  }

  private forward(link: Link, direction: 'up' | 'down', chunk: Buffer): void {
    if (!this.links.has(link)) return;
    if (!this.passes(direction) || (link.lostBytes && direction === 'up' && !link.upstream)) {
      this.stats.droppedBytes += chunk.length;
      link.lostBytes = true;
      return;
    }
    if (direction === 'down') {
      this.stats.forwardedBytes += chunk.length;
      link.client.write(chunk);
      return;
    }
    // The broker connection opens lazily, so a blackholed connection never reaches the broker at all.
    const upstream = link.upstream ?? this.openUpstream(link);
    this.stats.forwardedBytes += chunk.length;
    upstream.write(chunk);
  }

  private openUpstream(link: Link): net.Socket {
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.setNoDelay(true);
    link.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => this.forward(link, 'down', chunk));
    upstream.on('error', () => this.drop(link));
    upstream.on('close', () => this.drop(link));
    return upstream;
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream?.destroy();
  }
}
