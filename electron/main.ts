import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createHttpTransport } from '../engine/app/api/client/http-transport.ts';
import type { EngineTransport } from '../engine/app/api/client/transport.ts';
import type { EngineErrorData } from '../engine/contracts/errors.ts';
import { EngineSupervisor, type EngineProcess } from './engine-supervisor.ts';
import { RendererRecovery, rendererErrorPage } from './renderer-recovery.ts';
import type { BrowserWindowLike, ElectronMain, IpcMainEventLike } from './electron-subset.ts';
import { checkIpc, IPC_CHANNELS } from './ipc-contract.ts';
import { decidePermission, decidePermissionCheck, kioskWindowOptions, mayNavigate, windowOpenDecision, withCsp } from './security-policy.ts';

/**
 * The Electron shell: one kiosk window, the engine in a utilityProcess restarted on crash (or, when
 * `voice-kiosk start` launched us with VOICE_KIOSK_URL, attached to that running engine), every
 * security hook wired to the pure policies in security-policy.ts and ipc-contract.ts.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
// Resolved at run time only, so this file type-checks where the Electron package is absent.
const ELECTRON: string = 'electron';
const { app, BrowserWindow, ipcMain, session, utilityProcess } = (await import(ELECTRON)) as ElectronMain;

const appRoot = path.resolve(here, here.endsWith(`${path.sep}dist`) ? '../..' : '..');
const preloadPath = path.join(appRoot, 'electron', 'dist', 'preload.cjs');
const attachedUrl = process.env.VOICE_KIOSK_URL ?? null;
let engineUrl: string | null = attachedUrl;
let win: BrowserWindowLike | null = null;
let transport: EngineTransport | null = null;

function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: 'info', module: 'electron', msg, ...fields }) + '\n');
}

/** Runs `voice-kiosk start --no-electron` in a utilityProcess and adapts it to the supervisor. */
function spawnEngine(): EngineProcess {
  const child = utilityProcess.fork(path.join(appRoot, 'bin', 'voice-kiosk.mjs'), ['start', '--no-electron'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    serviceName: 'voice-kiosk engine',
  });
  const lines = child.stdout ? createInterface({ input: child.stdout }) : null;
  return {
    onStdoutLine: (l) => lines?.on('line', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => void child.kill(),
  };
}

function connectTransport(url: string): void {
  transport?.close();
  transport = createHttpTransport({ baseUrl: url, WebSocket: WebSocket as never });
  transport.subscribe((e) => win && !win.isDestroyed() && win.webContents.send(IPC_CHANNELS.onEvent, e));
  transport.onConnection((c) => win && !win.isDestroyed() && win.webContents.send(IPC_CHANNELS.onConnection, c));
}

function senderOf(event: IpcMainEventLike) {
  return {
    frameUrl: event.senderFrame?.url ?? null,
    isMainFrameOfKioskWindow: !!win && event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame,
  };
}

function refused(reason: string): { ok: false; error: EngineErrorData } {
  return { ok: false, error: { type: 'error', code: 'unauthorized', message: `IPC refused: ${reason}`, stage: 'api' } };
}

function wireSecurity(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const granted = decidePermission({ permission, requestingUrl: details.requestingUrl ?? wc.getURL(), mediaTypes: details.mediaTypes ?? [] }, engineUrl);
    if (!granted) log('permission refused', { permission, url: details.requestingUrl });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_wc, permission, origin, details) => decidePermissionCheck(permission, origin, details.mediaType, engineUrl));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders ?? {}, details.url, engineUrl) }));
  app.on('web-contents-created', (_e, contents) => {
    const guard = (e: { preventDefault(): void }, url: string) => {
      if (!mayNavigate(url, engineUrl)) {
        e.preventDefault();
        log('navigation blocked', { url });
      }
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => windowOpenDecision());
  });
}

function wireIpc(): void {
  ipcMain.handle(IPC_CHANNELS.call, async (event, payload) => {
    const check = checkIpc('call', senderOf(event), payload, engineUrl);
    if (!check.ok) {
      log('ipc refused', { reason: check.reason });
      return refused(check.reason);
    }
    if (!transport) return { ok: false, error: { type: 'error', code: 'unavailable', message: 'the engine is restarting', stage: 'api' } };
    return transport.call(check.value.name, check.value.args, check.value.token);
  });
  ipcMain.on(IPC_CHANNELS.setStaffToken, (event, payload) => {
    const check = checkIpc('setStaffToken', senderOf(event), payload, engineUrl);
    if (check.ok) transport?.setStaffToken(check.value.token);
    else log('ipc refused', { reason: check.reason });
  });
}

async function showKiosk(url: string): Promise<void> {
  connectTransport(url);
  if (!win || win.isDestroyed()) {
    win = new BrowserWindow(kioskWindowOptions(preloadPath, { kiosk: !process.env.VOICE_KIOSK_WINDOWED }));
    const w = win;
    w.once('ready-to-show', () => w.show());
    const recovery = new RendererRecovery();
    w.webContents.on('render-process-gone', (_e, details) => {
      const d = recovery.onCrash();
      if (d.action === 'reload') {
        log('renderer gone, reloading', { reason: details.reason, attempt: d.attempt, inMs: d.delayMs });
        setTimeout(() => !w.isDestroyed() && w.webContents.reload(), d.delayMs);
      } else {
        log('renderer keeps crashing; showing the error page', { reason: details.reason, crashes: d.crashes });
        void w.loadURL(rendererErrorPage(d.crashes, details.reason));
      }
    });
  }
  await win.loadURL(url);
}

await app.whenReady();
wireSecurity();
wireIpc();
if (attachedUrl) {
  await showKiosk(attachedUrl);
} else {
  const supervisor = new EngineSupervisor({ spawn: spawnEngine });
  supervisor.on((e) => {
    log('engine', e);
    if (e.type === 'ready') {
      engineUrl = e.url;
      void showKiosk(e.url);
    }
  });
  app.on('before-quit', () => supervisor.stop());
  supervisor.start();
}
app.on('window-all-closed', () => app.quit());
