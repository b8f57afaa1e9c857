// Article text and dictionary names reach the terminal only as text (#18): a build whose titles,
// sentences, dictionary names and file names hold escape sequences, queried by every command.
// Human-readable output carries none of them; --json carries them exactly.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const TITLE_ESC = "\u001b]0;x\u0007";
const CLEAR = "\u001b[2J";
/** Anything a terminal would act on: C0 but \n and \t, DEL, C1, bidi controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let work: string;
let out: string;
let dict: string;

function guanxi(...args: string[]) {
  return spawnSync(process.execPath, ["bin/guanxi.mjs", ...args], { cwd: repo, encoding: "utf8", timeout: 120_000 });
}

/** A query on the build, run once however many tests read its output. */
const runs = new Map<string, ReturnType<typeof guanxi>>();
function query(...args: string[]) {
  const key = args.join("\0");
  if (!runs.has(key)) runs.set(key, guanxi(...args, "--out", out));
  return runs.get(key)!;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "guanxi-terminal-"));
  dict = join(work, "dict");
  mkdirSync(dict);
  // Real entries of the shipped dictionary, with escape sequences written into their names.
  writeFileSync(
    join(dict, "lab.yaml"),
    `- id: zhejiang-lab\n  label: 之江实验室\n  type: lab\n  name_en: "Zhejiang${CLEAR} Lab\\u202e"\n  aliases: ["Zhejiang Lab"]\n  parent: "zhejiang\\e[2J"\n`,
  );
  writeFileSync(
    join(dict, "person.yaml"),
    `- id: wang-jian\n  label: 王坚\n  type: person\n  name_en: "Wang Jian\\e]0;pwned\\a"\n  aliases: []\n  titles:\n    - { title: "主任", org: zhejiang-lab }\n`,
  );
  writeFileSync(join(dict, "company.yaml"), `- id: alibaba\n  label: 阿里巴巴\n  type: company\n  name_en: Alibaba\n  aliases: [阿里巴巴集团]\n`);
  const inputs = join(work, "in");
  mkdirSync(inputs);
  const article = (date: string) => ({
    title: `之江实验室${TITLE_ESC}新闻${CLEAR}`,
    date,
    text: `之江实验室主任王坚${CLEAR}表示，将与阿里巴巴${TITLE_ESC}深化合作。\n王坚说，之江实验室和阿里巴巴\u202e共同推进。`,
  });
  writeFileSync(join(inputs, "feed.jsonl"), [article("2024-05-06"), article("2024-06-12")].map((a) => JSON.stringify(a)).join("\n") + "\n");
  writeFileSync(join(inputs, `empty${CLEAR}.txt`), "");
  out = join(work, "out");
  const build = guanxi("build", inputs, "--out", out, "--dict", dict);
  if (build.status !== 0) throw new Error(build.stderr);
  expect(build.stderr).toMatch(/warning: .*empty\\x1b\[2J\.txt: empty file/);
  expect(build.stderr).not.toMatch(CONTROL);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("human-readable output carries no control characters", () => {
  const commands: [string, string[]][] = [
    ["who", ["who", "王坚", "--window", "article"]],
    ["with", ["with", "之江实验室", "阿里巴巴"]],
    ["path", ["path", "王坚", "阿里巴巴", "--window", "article"]],
    ["roles", ["roles", "王坚"]],
    ["stats", ["stats"]],
    ["timeline", ["timeline", "之江实验室"]],
  ];
  for (const [name, args] of commands) {
    it(name, () => {
      const r = query(...args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/之江实验室|王坚/);
      expect(r.stdout).not.toMatch(CONTROL);
    }, 60_000);
  }

  it("who and with show the escapes as text, where the sequences stood", () => {
    const who = query("who", "王坚", "--window", "article");
    expect(who.stdout).toContain("Wang Jian\\x1b]0;pwned\\x07");
    const w = query("with", "之江实验室", "阿里巴巴");
    expect(w.stdout).toContain("\\x1b[2J");
    expect(w.stdout).toContain(`《之江实验室\\x1b]0;x\\x07新闻\\x1b[2J》`);
  }, 60_000);

  it("dict check and error messages naming an input", () => {
    const check = guanxi("dict", "check", "--dir", dict);
    expect(check.stdout).toContain("refers to unknown id zhejiang\\x1b[2J");
    expect(check.stdout).not.toMatch(CONTROL);
    const missing = query("who", `王坚${CLEAR}`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("\\x1b[2J");
    expect(missing.stderr).not.toMatch(CONTROL);
  }, 60_000);
});

describe("--json stays exact", () => {
  it("who --json and with --json give the names and texts as stored", () => {
    const who = JSON.parse(query("who", "王坚", "--window", "article", "--json").stdout) as { entity: { name_en: string } };
    expect(who.entity.name_en).toBe("Wang Jian\u001b]0;pwned\u0007");
    const raw = query("with", "之江实验室", "阿里巴巴", "--json").stdout;
    const w = JSON.parse(raw) as { a: { name_en: string }; passages: { title: string; text: string }[] };
    expect(w.a.name_en).toBe(`Zhejiang${CLEAR} Lab\u202e`);
    expect(raw).toContain("\u202e");
    expect(w.passages.some((p) => p.title === `之江实验室${TITLE_ESC}新闻${CLEAR}` && p.text.includes(CLEAR))).toBe(true);
  }, 60_000);
});
