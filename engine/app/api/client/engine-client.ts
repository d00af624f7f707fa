import type { ApiArgs, ApiReply, ApiResult, EngineApiName } from '../../../contracts/api.ts';
import type { EngineErrorData } from '../../../contracts/errors.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';
import type { EngineTransport } from './transport.ts';

/** A failed call, thrown by `send`; `data.code` is what callers branch on. */
export class EngineClientError extends Error {
  constructor(readonly data: EngineErrorData) {
    super(data.message);
    this.name = 'EngineClientError';
  }
}

/**
 * The one typed client for the engine API, over any transport (HTTP+WebSocket, Electron IPC,
 * in-process). It keeps the staff session token itself, so screens never handle it.
 */
export class EngineClient {
  private token: string | null = null;
  /** The server's staff idle timeout from the last login (config staff.idleLogoutMs); null before one. */
  staffIdleMs: number | null = null;
  private readonly staffListeners = new Set<(staff: boolean) => void>();

  constructor(private readonly transport: EngineTransport) {}

  get isStaff(): boolean {
    return this.token !== null;
  }

  /** Calls an API name and returns the reply union (never throws). */
  async request<K extends EngineApiName>(name: K, args: ApiArgs<K>): Promise<ApiReply<K>> {
    const reply = (await this.transport.call(name, args, this.token)) as ApiReply<K>;
    if (reply.ok && name === 'staff-login') {
      const login = reply.value as ApiResult<'staff-login'>;
      this.staffIdleMs = login.idleLogoutMs;
      this.setToken(login.token);
    }
    else if (name === 'staff-logout') this.setToken(null);
    else if (!reply.ok && reply.error.code === 'unauthorized' && this.token) this.setToken(null);
    return reply;
  }

  /** Calls an API name and returns its result, throwing EngineClientError on failure. */
  async send<K extends EngineApiName>(name: K, args: ApiArgs<K>): Promise<ApiResult<K>> {
    const reply = await this.request(name, args);
    if (!reply.ok) throw new EngineClientError(reply.error);
    return reply.value;
  }

  subscribe(listener: (event: PipelineEvent) => void): () => void {
    return this.transport.subscribe(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    return this.transport.onConnection(listener);
  }

  /** Notified when the staff session starts or ends (including expiry noticed on a call). */
  onStaffChange(listener: (staff: boolean) => void): () => void {
    this.staffListeners.add(listener);
    return () => this.staffListeners.delete(listener);
  }

  close(): void {
    this.transport.close();
  }

  private setToken(token: string | null): void {
    const changed = (token === null) !== (this.token === null);
    this.token = token;
    this.transport.setStaffToken(token);
    if (changed) for (const l of this.staffListeners) l(token !== null);
  }
}
