/** Where a command's lines go: its stdout's and its stderr's (the console, or the strings a test reads). */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** The console, where a command run by npm prints. */
export const consoleOutput: Output = { log: (line) => console.log(line), error: (line) => console.error(line) };
