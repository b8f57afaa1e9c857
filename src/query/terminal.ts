// What the command line prints for a person to read passes through here: article titles, sentences,
// dictionary names and file names are data, and a terminal must not act on them (an escape sequence in a
// title could retitle the window, clear the screen or rewrite what was printed before; a bidi override
// could reverse a line). Every such character is shown as an escape (\x1b, \u202e) instead. JSON output
// is written exactly (JSON.stringify already escapes C0 controls; a reader parses it, not a terminal).

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides, isolates and marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOf = (ch: string): string => {
  const c = ch.charCodeAt(0);
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
};

/** The text with every character a terminal would act on written as a visible escape. */
export function terminalText(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeOf) : text;
}

let exact = false;
let guarded = false;

/**
 * From now on, every string written to stdout and stderr (console.log, console.error, a warning) goes
 * through terminalText, except what writeExact writes. Installed once by the command line's main():
 * the one place all human-readable output passes, so that no command can forget it.
 */
export function guardTerminalOutput(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === "string" && !exact ? terminalText(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}

/** Writes text as it is: JSON, and the progress bar's own cursor codes. */
export function writeExact(stream: NodeJS.WriteStream, text: string): void {
  exact = true;
  try {
    stream.write(text);
  } finally {
    exact = false;
  }
}
