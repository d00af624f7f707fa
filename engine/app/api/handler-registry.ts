import type { z } from 'zod';
import { apiSchemas, STAFF_ONLY, type ApiArgs, type ApiReply, type ApiResult, type EngineApiName } from '../../contracts/api.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { isTransientWriteError } from '../../store/deferred-writes.ts';
import type { Logger } from '../../log/logger.ts';
import type { StaffAuth, StaffSession } from './staff-auth.ts';

export interface HandlerContext {
  /** The staff session of the caller, or null for a shopper. */
  session: StaffSession | null;
  token: string | null;
  /** Who is calling (peer address, plus a screen id when sent): the key for per-client PIN lockout. */
  client: string;
}

export type Handler<K extends EngineApiName> = (args: ApiArgs<K>, ctx: HandlerContext) => ApiResult<K> | Promise<ApiResult<K>>;
export type HandlerMap = { [K in EngineApiName]?: Handler<K> };

/**
 * The engine's API as one dispatcher over per-domain handler maps (after Actual Budget's app
 * handlers): validates the name, the staff session and the args, runs the handler and always answers
 * with an ApiReply, so every transport (HTTP, IPC, in-process) behaves the same.
 */
export class ApiHandlers {
  private readonly handlers = new Map<EngineApiName, Handler<EngineApiName>>();

  constructor(
    readonly auth: StaffAuth,
    private readonly log?: Logger,
  ) {}

  /** Adds one domain's handlers; a name registered twice is a wiring bug, so it throws at startup. */
  register(map: HandlerMap): this {
    for (const [name, handler] of Object.entries(map) as [EngineApiName, Handler<EngineApiName>][]) {
      if (this.handlers.has(name)) throw new Error(`API handler '${name}' is registered twice`);
      this.handlers.set(name, handler);
    }
    return this;
  }

  has(name: string): name is EngineApiName {
    return this.handlers.has(name as EngineApiName);
  }

  names(): EngineApiName[] {
    return [...this.handlers.keys()];
  }

  /** Runs one call from any transport; never throws. */
  async dispatch<K extends EngineApiName>(
    name: K | string,
    rawArgs: unknown,
    token: string | null,
    client = 'local',
  ): Promise<ApiReply<K>> {
    try {
      const value = await this.run(name, rawArgs, token, client);
      return { ok: true, value: value as ApiResult<K> };
    } catch (err) {
      const error = isTransientWriteError(err)
        ? EngineError.toData(
            new EngineError('unavailable', `the database is not taking writes right now (${(err as Error).message}); try again`, {
              stage: 'store',
              detail: { name },
            }),
          )
        : EngineError.toData(err, 'api');
      if (error.code === 'internal') this.log?.error('api handler failed', { name, error: error.message });
      return { ok: false, error };
    }
  }

  private async run(name: string, rawArgs: unknown, token: string | null, client: string): Promise<unknown> {
    if (!this.has(name)) throw new EngineError('not-found', `unknown API name '${name}'`, { stage: 'api', detail: { name } });
    const session = this.auth.verify(token);
    if (STAFF_ONLY.has(name) && !session) {
      throw new EngineError('unauthorized', `'${name}' needs a staff login`, { stage: 'api', detail: { name } });
    }
    const parsed = apiSchemas[name].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new EngineError('bad-input', `bad arguments for '${name}': ${describeIssues(parsed.error)}`, {
        stage: 'api',
        detail: { name },
      });
    }
    const handler = this.handlers.get(name)!;
    return handler(parsed.data as ApiArgs<EngineApiName>, { session, token: session ? token : null, client });
  }
}

/** One readable reason from a zod failure, e.g. "text: must not be empty". */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
