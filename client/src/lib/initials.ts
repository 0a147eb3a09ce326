import { graphemes } from '@ideasphere/shared/text.js';

/**
 * The most common Chinese surnames (the hundred most common by registered population, a few
 * more, and their traditional forms), so that a name can be told from a role or team name.
 * Left out on purpose: surnames that mostly begin ordinary words (管 of 管理员, 车 of 车间).
 */
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤' +
      '康易乔赖文施洪辛柳葛齐牛庞樊兰殷倪欧温章鲁俞宁左邢聂柴焦甘颜符申詹包涂饶窦岳翟祝阎纪舒屈项祁阮骆' +
      '陳黃張劉楊趙吳許鄭謝羅蕭馮鄧葉蘇盧鍾呂譚陸範賴莊簡鄒龔顧錢嚴韋賈閻湯孫馬韓',
  ),
);

/** Two-character surnames: the given name starts after them. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '歐陽', '司马', '司馬', '上官', '诸葛', '諸葛', '东方', '東方', '皇甫', '尉迟', '尉遲', '公孙', '公孫', '慕容',
  '长孙', '長孫', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '獨孤', '南宫', '南宮', '西门', '西門', '轩辕', '軒轅',
  '澹台', '万俟', '呼延', '闻人', '聞人', '申屠', '太史', '钟离', '鍾離', '赫连', '赫連', '司空', '拓跋', '百里',
]);

/** Last characters of roles and teams (主持人, 工作人员, 设计师, 市场部…), which personal names hardly end with. */
const ROLE_ENDINGS = new Set(Array.from('人员者师长部组处科室队团司官'));

/** Brackets and what they hold ("(编辑)", "（主持）", "[Editor]"), even when left open at the end. */
const BRACKETED = /[(（[［【〔「『《〈{<][^)）\]］】〕」』》〉}>]*(?:[)）\]］】〕」』》〉}>]|$)/gu;

/** A word: letters and digits, with the marks on them and apostrophes inside (O'Brien, d’Arc). */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’](?=\p{L}))*/gu;

const HAN = /^\p{Script=Han}+$/u;
const HANGUL = /^\p{Script=Hangul}+$/u;
/** Scripts whose letters join their neighbours: two initials would read as one word. */
const JOINING = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * The given name of a Chinese personal name, as DingTalk draws default avatars and Huawei's
 * DevUI Avatar documents it ("以中文开头显示最后两个字符"): the last two characters of a name of
 * three or more (王小明 → 小明, 欧阳娜娜 → 娜娜), the whole of a two-character name (李雷).
 * Chinese text that is no personal name — it starts with no common surname, is longer than
 * any, or ends like a role or team (主持人, 产品部) — shows its first two characters instead,
 * which carry its meaning: 主持人 → 主持, never 持人.
 */
function chineseInitials(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 2) return name;
  const compound = COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''));
  const personal = chars.length <= 4 && !ROLE_ENDINGS.has(chars.at(-1) ?? '') && (compound || SURNAMES.has(chars[0] ?? ''));
  if (!personal) return chars.slice(0, 2).join('');
  const given = compound ? chars.slice(2) : chars.slice(1);
  return given.slice(-2).join('');
}

/** The first character of a word, capitalised, with at most one mark on it (never a stack). */
function initialOf(word: string): string {
  const [first = ''] = graphemes(word);
  let marks = 0;
  const plain = Array.from(first)
    .filter((char) => !/\p{M}/u.test(char) || ++marks <= 1)
    .join('');
  const upper = plain.toLocaleUpperCase();
  // 'ß' becomes 'SS': one letter must stay one letter.
  return Array.from(upper).length === Array.from(plain).length ? upper : plain;
}

/**
 * Initials for an avatar, from the letters of a name only: punctuation, symbols and bracketed
 * suffixes ("李娜 (编辑)", "Ann (Editor)") are left out. Chinese names show the given name
 * (see `chineseInitials`), Korean ones their last two syllables, others the first letters of
 * the first and last words (Ada Lovelace → AL); a name of emoji alone shows its first emoji,
 * and a name with nothing of these shows '?'.
 */
export function initials(name: string): string {
  const text = name.normalize('NFC');
  // Fillers that count as letters (the Hangul filler) draw nothing: no initial of theirs.
  const letters = text.replace(/\p{Default_Ignorable_Code_Point}/gu, '');
  let words = letters.replace(BRACKETED, ' ').match(WORD) ?? [];
  // A name that is all brackets ("(Editor)") still has letters to show.
  if (words.length === 0) words = letters.match(WORD) ?? [];
  const [first] = words;
  if (first === undefined) {
    for (const grapheme of graphemes(text)) if (PICTOGRAPH.test(grapheme)) return grapheme;
    return '?';
  }
  if (HAN.test(first)) {
    // "王 小明" is one name written with a space: the Han words at the start, together.
    const end = words.findIndex((word) => !HAN.test(word));
    return chineseInitials(words.slice(0, end === -1 ? words.length : end).join(''));
  }
  if (HANGUL.test(first)) {
    const syllables = Array.from(first);
    return syllables.length <= 2 ? first : syllables.slice(-2).join('');
  }
  const last = words.length >= 2 ? words[words.length - 1] : undefined;
  const pair = [initialOf(first), ...(last === undefined ? [] : [initialOf(last)])];
  // A zero-width non-joiner keeps two Arabic initials apart, as letters rather than a word.
  return pair.join(pair.some((letter) => JOINING.test(letter)) ? '\u200c' : '');
}
