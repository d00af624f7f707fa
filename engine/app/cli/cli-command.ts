/**
 * One `voice-kiosk <command>`: its own module under commands/, imported only when run, so
 * `voice-kiosk vad` does not load the LLM or the broker. A file of its own so the commands and the
 * dispatcher (main.ts) do not import each other.
 */
export interface CliCommand {
  summary: string;
  /** The full usage text `voice-kiosk <command> --help` prints; the summary is used when absent. */
  usage?: string;
  /** Receives the arguments after the command name; returns the process exit code. */
  run(argv: string[]): Promise<number>;
}
