// What someone wrote in a reply, without what they quoted: mail clients append the previous
// message after an attribution line ("On Mon, 3 Mar 2003, Lockstep wrote:", "-----Original
// Message-----", Outlook's "From: ... Sent: ..." block) or prefix it with ">". The signature after
// "-- " goes too. If stripping would leave nothing, the whole text is kept rather than lose it.

const ATTRIBUTION = [
  /^On .{1,300}wrote:\s*$/i,
  /^Am .{1,300}schrieb.{0,100}:\s*$/i,
  /^Le .{1,300}a écrit\s*:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
]

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const kept: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '-- ' || line === '--') break
    if (ATTRIBUTION.some((re) => re.test(line.trim()))) break
    // Outlook: "From: ..." followed within two lines by "Sent: ..." or "Date: ...".
    if (/^From:\s/i.test(line) && lines.slice(i + 1, i + 3).some((l) => /^(Sent|Date):\s/i.test(l))) break
    // Gmail may wrap the attribution over two lines.
    if (
      /^On .{1,300}$/i.test(line.trim()) &&
      /wrote:\s*$/i.test(lines[i + 1]?.trim() ?? '') &&
      !/^>/.test(lines[i + 1] ?? '')
    )
      break
    if (/^\s*>/.test(line)) continue
    kept.push(line)
  }
  const result = kept.join('\n').trim()
  return result || text.trim()
}
