// Encoding detection: BOMs first, then strict UTF-8, then the legacy Chinese encodings scored by how
// much common Chinese they produce. chardet's statistical guess is one of the candidates but never
// trusted alone (it often calls short GBK text Big5 or EUC-KR).

import chardet from "chardet";
import iconv from "iconv-lite";
import * as OpenCC from "opencc-js";

export interface Decoded {
  text: string;
  encoding: string;
  /** What was repaired on the way (invalid UTF-8 replaced, NUL bytes removed): warnings for the file. */
  repairs?: string[];
}

export interface DecodeFailure {
  reason: string;
}

/** About 500 of the most frequent Chinese characters (Simplified); their Traditional forms are added below. */
const COMMON_SC =
  "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷省杭州浙江县镇村街道企业发展经济创新科技会议建设项目工作推进实现产业服务";
const COMMON = new Set<string>();
{
  const s2t = OpenCC.Converter({ from: "cn", to: "tw" });
  for (const ch of COMMON_SC) COMMON.add(ch);
  for (const ch of s2t(COMMON_SC)) COMMON.add(ch);
}

function score(text: string): { score: number; bad: number; common: number; cjk: number } {
  let bad = 0, common = 0, cjk = 0, ctrl = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ctrl++;
    else if (c >= 0xe000 && c <= 0xf8ff) bad++; // private use: a wrong legacy mapping
    else if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      if (COMMON.has(ch)) common++;
    }
  }
  return { score: common * 2 + cjk * 0.2 - (bad + ctrl) * 5, bad: bad + ctrl, common, cjk };
}

const LEGACY: Record<string, string> = {
  "GB18030": "gb18030", "GBK": "gb18030", "GB2312": "gb18030", "GB-2312": "gb18030",
  "Big5": "big5", "BIG5": "big5", "EUC-TW": "big5",
};

/** How far into a file NUL bytes mean a binary file (images, archives, office files all have them there). */
const BINARY_HEAD_BYTES = 65536;

/**
 * UTF-8 decoded leniently: each invalid sequence becomes U+FFFD. `invalid` counts those, not the U+FFFD
 * the file itself holds (EF BF BD).
 */
function utf8Lenient(buf: Buffer): { text: string; invalid: number } {
  const text = new TextDecoder("utf-8").decode(buf);
  let replacements = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) replacements++;
  let stored = 0;
  const mark = Buffer.from([0xef, 0xbf, 0xbd]);
  for (let i = buf.indexOf(mark); i >= 0; i = buf.indexOf(mark, i + 3)) stored++;
  return { text, invalid: replacements - stored };
}

/** Decode bytes of unknown encoding, or say why they are not text. */
export function decodeBuffer(buf: Buffer): Decoded | DecodeFailure {
  if (buf.length === 0) return { reason: "empty file" };
  // BOMs settle it.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const { text, invalid } = utf8Lenient(buf.subarray(3));
    return checkText(text, "utf-8", invalid);
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return checkText(iconv.decode(buf.subarray(2), "utf-16le"), "utf-16le");
  if (buf[0] === 0xfe && buf[1] === 0xff) return checkText(iconv.decode(buf.subarray(2), "utf-16be"), "utf-16be");
  // NUL bytes at the start without a UTF-16 BOM: binary. Later ones are damage in a text file (a
  // zero-filled block left by a crash or a preallocated file): checkText removes them with a warning.
  const head = buf.subarray(0, BINARY_HEAD_BYTES);
  if (head.includes(0)) return { reason: "binary file (contains NUL bytes)" };
  try {
    return checkText(new TextDecoder("utf-8", { fatal: true }).decode(buf), "utf-8");
  } catch {
    /* not valid UTF-8: damaged UTF-8, or one of the legacy encodings */
  }
  // Damaged UTF-8 competes with the legacy encodings on the same score: a few invalid bytes among
  // thousands of good characters win; GBK or Big5 read as UTF-8 is mostly U+FFFD and loses.
  const utf8 = utf8Lenient(buf);
  const candidates = new Map<string, string>([["utf-8", utf8.text]]);
  for (const enc of ["gb18030", "big5"]) candidates.set(enc, "");
  try {
    for (const a of chardet.analyse(head)) {
      const enc = LEGACY[a.name];
      if (enc && a.confidence >= 10) candidates.set(enc, "");
    }
  } catch {
    /* chardet is advisory */
  }
  let best: { enc: string; text: string; s: ReturnType<typeof score> } | undefined;
  for (const [enc, decoded] of candidates) {
    const text = decoded || iconv.decode(buf, enc);
    const s = score(text);
    if (!best || s.score > best.s.score) best = { enc, text, s };
  }
  if (!best || best.s.bad > Math.max(8, best.text.length * 0.02) || best.s.cjk === 0) {
    return { reason: "undecodable: not UTF-8, and not GB18030/GBK or Big5 text (binary?)" };
  }
  // A legacy decoding passed its own test above (the score's bad characters); UTF-8 is held to checkText's.
  return checkText(best.text, best.enc, best.enc === "utf-8" ? utf8.invalid : 0, best.enc === "utf-8");
}

/**
 * The decoded text, checked over its whole length: NULs removed (with a note), and a text with many
 * control characters or replaced bytes refused as a binary file that happened to decode.
 */
function checkText(decoded: string, encoding: string, invalid = 0, checkControls = true): Decoded | DecodeFailure {
  const repairs: string[] = [];
  let text = decoded;
  if (text.includes("\0")) {
    const before = text.length;
    text = text.replace(/\0/g, "");
    repairs.push(`${before - text.length} NUL byte(s) removed (damage in a text file, such as a zero-filled block)`);
  }
  let ctrl = 0;
  const n = checkControls ? text.length : 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) ctrl++;
  }
  if (n > 0 && ctrl > Math.max(4, n * 0.01)) return { reason: `binary file (control characters in ${encoding} text)` };
  if (invalid > 0) repairs.push(`${invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD`);
  if (text.trim() === "") return { reason: "empty file (only whitespace)" };
  return repairs.length ? { text, encoding, repairs } : { text, encoding };
}
