import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ROOT } from '../engine/app/config/load.ts';

// Real: the packaging config `npm run dist:linux` hands to electron-builder, parsed as YAML. The
// expected fuse values are the list (issue 15 item 11), written here, not read from code.
const config = parse(readFileSync(path.join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('packaged Electron fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, and loads the app only from a checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('keeps what those fuses rely on: an asar archive with its integrity hash', () => {
    expect(config.asar).not.toBe(false);
    expect((config.asar as { disableIntegrity?: boolean } | undefined)?.disableIntegrity).not.toBe(true);
  });

  it('the dist script pins electron-builder 26+, whose config schema has electronFuses (checked: app-builder-lib 26.17.0 scheme.json)', () => {
    const pkg = JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const m = /electron-builder@(\d+)/.exec(pkg.scripts['dist:linux'] ?? '');
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(26);
  });
});
