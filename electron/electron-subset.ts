/**
 * The slice of Electron's API the shell uses, typed here because the `electron` package (an
 * optionalDependency) is absent on build machines: the shell still type-checks, and importing the
 * real module happens only at run time inside Electron.
 */
export interface IpcMainEventLike {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export interface WebContentsLike {
  mainFrame: unknown;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (e: { preventDefault(): void }, url: string) => void): void;
  on(event: 'render-process-gone', listener: (e: unknown, details: { reason: string }) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  reload(): void;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  once(event: 'ready-to-show', listener: () => void): void;
  isDestroyed(): boolean;
}

export interface UtilityProcessLike {
  stdout: NodeJS.ReadableStream | null;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: WebContentsLike, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; mediaTypes?: string[] }) => void,
  ): void;
  setPermissionCheckHandler(handler: (wc: WebContentsLike | null, permission: string, origin: string, details: { mediaType?: string }) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { url: string; responseHeaders?: Record<string, string[] | string> }, callback: (r: { responseHeaders: Record<string, string[] | string> }) => void) => void,
    ): void;
  };
}

export interface ElectronMain {
  app: {
    whenReady(): Promise<void>;
    on(event: 'web-contents-created', listener: (e: unknown, contents: WebContentsLike) => void): void;
    on(event: 'window-all-closed' | 'before-quit', listener: () => void): void;
    quit(): void;
    isPackaged: boolean;
  };
  BrowserWindow: new (options: unknown) => BrowserWindowLike;
  ipcMain: {
    handle(channel: string, handler: (event: IpcMainEventLike, payload: unknown) => unknown): void;
    on(channel: string, handler: (event: IpcMainEventLike, payload: unknown) => void): void;
  };
  session: { defaultSession: SessionLike };
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { stdio: 'pipe' | ['ignore', 'pipe', 'inherit']; serviceName: string; env?: NodeJS.ProcessEnv }): UtilityProcessLike;
  };
}

export interface ElectronPreload {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, payload: unknown): Promise<unknown>;
    send(channel: string, payload: unknown): void;
    on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  };
}
