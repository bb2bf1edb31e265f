// The commands' flags read one way: `--help` or `-h` prints the usage and exits 0; an unknown flag or a wrong number
// of arguments prints what is wrong and the usage, and exits 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Output } from "./output.js";

/** Thrown to end a command with its usage: `code` 0 when asked for, 2 after `problem`. */
export class UsageExit extends Error {
  constructor(
    readonly usage: string,
    readonly code: 0 | 2,
    readonly problem?: string,
  ) {
    super(problem ?? usage);
  }

  /** Prints the usage (on stdout when asked for, else after the problem on stderr) and gives the exit code. */
  report(command: string, output: Output): number {
    if (this.code === 0) output.log(this.usage);
    else output.error(`${command}: ${this.problem ? `${this.problem}\n` : ""}${this.usage}`);
    return this.code;
  }
}

/** `args` read against `options`, with at least `min` and at most `max` positionals. */
export function readCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  usage: string,
  options: O,
  { min = 0, max = Infinity }: { min?: number; max?: number } = {},
) {
  const end = args.indexOf("--");
  if (["--help", "-h"].some((flag) => args.slice(0, end === -1 ? undefined : end).includes(flag))) {
    throw new UsageExit(usage, 0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's advice after its first sentence (put the option after "--") does not apply under npm.
    throw new UsageExit(usage, 2, (error as Error).message.split(". ")[0]);
  }
  const count = parsed.positionals.length;
  if (count < min || count > max) throw new UsageExit(usage, 2);
  return parsed;
}
