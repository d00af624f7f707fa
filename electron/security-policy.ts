import { RENDERER_CSP } from '../engine/app/api/static-files.ts';

/**
 * The shell's security rules as pure functions, so vitest checks them without the Electron binary;
 * main.ts only plugs them into Electron's hooks.
 */

/** The CSP the shell adds to every response, the same one the engine API sends. */
export const SHELL_CSP = RENDERER_CSP;

/** BrowserWindow webPreferences: the renderer gets no Node, no remote code, an isolated preload. */
export function kioskWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: false,
    navigateOnDragDrop: false,
    autoplayPolicy: 'no-user-gesture-required' as const,
  };
}

/** Full-screen kiosk window options; `kiosk` also blocks the window-manager shortcuts. */
export function kioskWindowOptions(preloadPath: string, opts: { kiosk: boolean }) {
  return {
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b0b0f',
    show: false,
    width: 1080,
    height: 1920,
    webPreferences: kioskWebPreferences(preloadPath),
  };
}

/** The origin of a URL, or null when it is not a parseable http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** True only for our own engine's origin (the URL the engine printed when it became ready). */
export function isOwnOrigin(url: string, engineUrl: string | null): boolean {
  if (!engineUrl) return false;
  const o = originOf(url);
  return o !== null && o === originOf(engineUrl);
}

export interface PermissionRequest {
  permission: string;
  requestingUrl: string;
  /** For 'media': what is asked for (Electron's details.mediaTypes). */
  mediaTypes?: readonly string[];
}

/** Grants the microphone to our own origin and nothing else: no camera, no geolocation, no notifications. */
export function decidePermission(req: PermissionRequest, engineUrl: string | null): boolean {
  if (!isOwnOrigin(req.requestingUrl, engineUrl)) return false;
  if (req.permission !== 'media') return false;
  const types = req.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/** Permission *checks* (not requests) use the same rule; Electron passes 'media' with a mediaType. */
export function decidePermissionCheck(permission: string, requestingOrigin: string, mediaType: string | undefined, engineUrl: string | null): boolean {
  return decidePermission({ permission, requestingUrl: requestingOrigin, mediaTypes: mediaType ? [mediaType] : [] }, engineUrl);
}

/** In-page navigation may only reload our own UI; links to anywhere else are refused. */
export function mayNavigate(url: string, engineUrl: string | null): boolean {
  return isOwnOrigin(url, engineUrl);
}

/** window.open and target=_blank never open anything in a kiosk. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Adds the CSP to response headers of our own origin (other origins never load anyway). */
export function withCsp(headers: Record<string, string[] | string>, url: string, engineUrl: string | null): Record<string, string[] | string> {
  if (!isOwnOrigin(url, engineUrl)) return headers;
  const out = { ...headers };
  for (const k of Object.keys(out)) if (k.toLowerCase() === 'content-security-policy') delete out[k];
  out['Content-Security-Policy'] = [SHELL_CSP];
  return out;
}
