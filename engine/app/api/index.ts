/** The engine API's public surface, for the composition root and tests. */
export { createApiHandlers } from './handlers.ts';
export { ApiHandlers, type Handler, type HandlerContext, type HandlerMap } from './handler-registry.ts';
export { startApiServer, STAFF_TOKEN_HEADER, type ApiServer, type ApiServerOptions } from './server.ts';
export { StaffAuth, hashPin, verifyPin, NO_PIN_MESSAGE, type StaffSession, type StaffPinEntry } from './staff-auth.ts';
export { createEngineMetrics } from './metrics.ts';
export type * from './deps.ts';
export { EngineClient, EngineClientError } from './client/engine-client.ts';
export { createHttpTransport } from './client/http-transport.ts';
export { createInProcessTransport } from './client/in-process-transport.ts';
export { createIpcTransport, type KioskBridge } from './client/ipc-transport.ts';
