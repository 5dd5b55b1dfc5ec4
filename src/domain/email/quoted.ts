// A reply carries the whole earlier conversation below it; only the new words go onto the case (the
// earlier ones are there already). English markers as email-reply-parser knows them, plus the Chinese
// clients' separators (channels.md §2.2). The raw message keeps everything.
const SEPARATORS = [
  /^-{2,}\s*(原始邮件|Original Message|回复的原邮件|转发的邮件)\s*-{2,}\s*$/iu,
  /^在\s?.{1,120}(写道|wrote)\s*[:：]\s*$/u,
  /^On .{1,200} wrote:\s*$/u,
  /^(发件人|From)\s*[:：].+$/u,
  /^_{10,}\s*$/u,
];

export function newWordsOfReply(text: string): string {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (SEPARATORS.some((s) => s.test(t))) break;
    if (t.startsWith('>')) continue;
    kept.push(line);
  }
  const words = kept.join('\n').trim();
  // A reply that is all quotation still says something: keep the text rather than nothing.
  return words === '' ? text.trim() : words;
}
