import { loadConfig, maskSecrets } from '../../config/load.ts';
import type { CliCommand } from '../cli-command.ts';

export const command: CliCommand = {
  usage: 'usage: voice-kiosk config [--config FILE]',
  summary: 'print the effective configuration (defaults → file → environment), secrets masked',
  async run(argv) {
    const file = argv[0] === '--config' ? argv[1] : undefined;
    const config = loadConfig(file ? { file } : {});
    process.stdout.write(JSON.stringify(maskSecrets(config), null, 2) + '\n');
    return 0;
  },
};
