import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from './fault-proxy.ts';

/**
 * Real: the proxy and real TCP sockets on 127.0.0.1. Test peer: a small TCP server standing in for
 * the broker that records what arrives and can write to each accepted socket.
 */
interface Peer {
  server: net.Server;
  port: number;
  sockets: net.Socket[];
  received: Buffer[];
}

async function startPeer(): Promise<Peer> {
  const peer: Peer = { server: net.createServer(), port: 0, sockets: [], received: [] };
  peer.server.on('connection', (s) => {
    peer.sockets.push(s);
    s.on('data', (d: Buffer) => peer.received.push(d));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => peer.server.listen(0, '127.0.0.1', () => r()));
  peer.port = (peer.server.address() as net.AddressInfo).port;
  return peer;
}

async function connect(
  port: number,
): Promise<{ socket: net.Socket; received: Buffer[]; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (d: Buffer) => received.push(d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return { socket, received, closed };
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const text = (bufs: Buffer[]) => Buffer.concat(bufs).toString();
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('FaultProxy', () => {
  let peer: Peer;
  let proxy: FaultProxy;

  beforeEach(async () => {
    peer = await startPeer();
    proxy = new FaultProxy({ host: '127.0.0.1', port: peer.port });
    await proxy.start();
  });

  afterEach(async () => {
    await proxy.stop();
    for (const s of peer.sockets) s.destroy();
    await new Promise<void>((r) => peer.server.close(() => r()));
  });

  it('forwards bytes both ways in pass mode', async () => {
    const c = await connect(proxy.port);
    c.socket.write('hello');
    await until(() => text(peer.received) === 'hello');
    peer.sockets[0]!.write('world');
    await until(() => text(c.received) === 'world');
    c.socket.destroy();
  });

  it('cut closes both the client and the broker side', async () => {
    const c = await connect(proxy.port);
    c.socket.write('x');
    await until(() => peer.sockets.length === 1);
    const peerClosed = new Promise<void>((r) => peer.sockets[0]!.once('close', () => r()));
    proxy.cut();
    await c.closed;
    await peerClosed;
    expect(proxy.openConnections).toBe(0);
    // New connections still work after a cut.
    const d = await connect(proxy.port);
    d.socket.write('again');
    await until(() => text(peer.received) === 'xagain');
    d.socket.destroy();
  });

  it('blackhole swallows bytes both ways without closing; restore drops the damaged connection', async () => {
    const c = await connect(proxy.port);
    c.socket.write('a');
    await until(() => text(peer.received) === 'a');
    proxy.blackhole();
    c.socket.write('lost-up');
    peer.sockets[0]!.write('lost-down');
    await settle();
    expect(text(peer.received)).toBe('a');
    expect(text(c.received)).toBe('');
    expect(c.socket.destroyed).toBe(false);
    // A connection opened during the blackhole never reaches the broker.
    const late = await connect(proxy.port);
    late.socket.write('late');
    await settle();
    expect(peer.sockets.length).toBe(1);
    proxy.restore();
    await c.closed;
    await late.closed;
    const d = await connect(proxy.port);
    d.socket.write('b');
    await until(() => text(peer.received) === 'ab');
    d.socket.destroy();
  });

  it('half-open up drops client→broker only, silently', async () => {
    const c = await connect(proxy.port);
    c.socket.write('1');
    await until(() => peer.received.length === 1);
    proxy.halfOpen('up');
    c.socket.write('dropped');
    peer.sockets[0]!.write('still-flows');
    await until(() => text(c.received) === 'still-flows');
    await settle();
    expect(text(peer.received)).toBe('1');
    expect(c.socket.destroyed).toBe(false);
    c.socket.destroy();
  });

  it('half-open down drops broker→client only', async () => {
    const c = await connect(proxy.port);
    c.socket.write('1');
    await until(() => peer.sockets.length === 1);
    proxy.halfOpen('down');
    peer.sockets[0]!.write('dropped');
    c.socket.write('2');
    await until(() => text(peer.received) === '12');
    await settle();
    expect(text(c.received)).toBe('');
    expect(proxy.stats.droppedBytes).toBe('dropped'.length);
    c.socket.destroy();
  });

  it('refuse closes new connections at once, like a broker that is down', async () => {
    proxy.refuse();
    const c = await connect(proxy.port);
    await c.closed;
    expect(peer.sockets.length).toBe(0);
    proxy.restore();
    const d = await connect(proxy.port);
    d.socket.write('up');
    await until(() => text(peer.received) === 'up');
    d.socket.destroy();
  });
});
