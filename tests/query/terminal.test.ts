// Text for the terminal: what an article or a dictionary puts in a title, a name or a sentence must not
// move the cursor, retitle the window, clear the screen or reverse the line (#18).
import { describe, expect, it } from "vitest";
import { terminalText } from "../../src/query/terminal.ts";
import { renderTable } from "../../src/query/table.ts";

describe("terminalText", () => {
  it("shows control characters as escapes instead of sending them", () => {
    expect(terminalText("之江\u001b]0;x\u0007实验室")).toBe("之江\\x1b]0;x\\x07实验室");
    expect(terminalText("清屏\u001b[2J")).toBe("清屏\\x1b[2J");
    expect(terminalText("a\u009b2Jb\u007fc\u0000d\re")).toBe("a\\x9b2Jb\\x7fc\\x00d\\x0de");
    expect(terminalText("阿里\u202e巴巴\u2066x\u2069")).toBe("阿里\\u202e巴巴\\u2066x\\u2069");
  });

  it("leaves text, line breaks and tabs as they are", () => {
    const text = "区委书记刘颖强调，要支持强脑科技等企业发展。\n\tZhejiang Lab · 2024-06-12 “十五五” ①";
    expect(terminalText(text)).toBe(text);
  });

  it("a table measures the escaped cell, so its columns still line up", () => {
    const rows = [{ name: "之江\u001b[2J实验室", n: 1 }, { name: "阿里巴巴", n: 22 }];
    const lines = renderTable(rows, [{ header: "名称", value: (r) => r.name }, { header: "n", value: (r) => r.n, align: "right" }]).split("\n");
    expect(lines.join("\n")).not.toMatch(/\u001b/);
    expect(lines[2]).toBe("之江\\x1b[2J实验室   1");
    expect(lines[3]).toBe("阿里巴巴           22");
  });
});
