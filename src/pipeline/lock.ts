// One build at a time into an output folder. Two builds into the same `--out` would each swap in their
// own output, the last to finish winning, and each would remove the other's temporary folder as stale.
// The lock is a file beside the output (`.guanxi-lock-<name>`; the output folder itself is replaced by a
// rename at the end, so it cannot hold it) naming the process that holds it.
//
// A second build fails at once rather than waiting: a build holds one to two gigabytes for minutes to
// hours, the two builds most often have different inputs (and the first result would be thrown away
// by the second anyway), so waiting would mostly hide a mistake; a script that wants to wait can retry.
//
// A lock whose process is gone (a build killed before it could release it) is taken over. It is moved
// aside under a name of this process's own before it is removed, so that of two builds taking over the
// same stale lock, only one removes it: the other finds the lock already gone, or another's live one.
import { hostname } from "node:os";
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

interface LockHolder {
  pid: number;
  host: string;
  started: string;
  token: string;
}

/** The lock file of an output folder. */
export function lockFileOf(out: string): string {
  const full = path.resolve(out);
  return path.join(path.dirname(full), `.guanxi-lock-${path.basename(full)}`);
}

/** Is a process of this machine alive? (EPERM: alive, another user's.) */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return typeof holder?.pid === "number" ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** A lock held on another machine (a shared folder) cannot be checked: it is taken as alive. */
function holderAlive(holder: LockHolder | undefined): boolean {
  return !!holder && (holder.host !== hostname() || processAlive(holder.pid));
}

export class OutputLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputLockedError";
  }
}

export interface OutputLock {
  release(): void;
}

/**
 * Takes the lock on the output `out`, or throws OutputLockedError naming the build that holds it. A stale
 * lock (its process gone) is taken over, and `note` is told so.
 */
export function lockOutput(out: string, note: (line: string) => void = () => {}): OutputLock {
  const file = lockFileOf(out);
  const mine: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomUUID() };
  // Written whole under a private name, then linked to the lock's name: a reader never sees half of it,
  // and the link fails if the name is taken.
  const draft = `${file}.${mine.token}`;
  writeFileSync(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, file);
        return {
          release() {
            if (readHolder(file)?.token === mine.token) rmSync(file, { force: true });
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = readHolder(file);
      if (holder && holderAlive(holder)) {
        throw new OutputLockedError(
          `another build (pid ${holder.pid}${holder.host !== mine.host ? ` on ${holder.host}` : ""}, started ${holder.started}) is writing ${out}: ` +
            `wait for it to finish, or build into another folder (if no build is running, delete ${file})`,
        );
      }
      const aside = `${file}.stale.${mine.token}`;
      try {
        renameSync(file, aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // another build took it over first
        throw err;
      }
      const moved = readHolder(aside);
      if (moved && holderAlive(moved)) {
        // Between the look and the move another build took the stale lock over: give its lock back.
        try {
          linkSync(aside, file);
        } catch {
          /* a third build holds it now */
        }
      } else {
        note(`the lock on ${out} was left by a build that is gone (pid ${moved?.pid ?? holder?.pid ?? "unknown"}): taken over`);
      }
      rmSync(aside, { force: true });
    }
    throw new OutputLockedError(`could not take the lock on ${out} (${file}): other builds keep taking it`);
  } finally {
    rmSync(draft, { force: true });
  }
}
