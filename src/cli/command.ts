/** One CLI command: a one-line summary for `amiable help` and a run function returning the exit code. */
export interface CliCommand {
  readonly summary: string;
  run(args: string[]): Promise<number>;
}
