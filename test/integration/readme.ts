// README's examples as tests: its ```graphql blocks and its curl and npm run commands, taken as written.

/** The bodies of README's fenced blocks of `lang`. */
export function fencedBlocks(markdown: string, lang: string): string[] {
    const blocks: string[] = []
    const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm')
    for (let m = re.exec(markdown); m != null; m = re.exec(markdown)) blocks.push(m[1]!)
    return blocks
}

/** The operations of a graphql block: each top-level `{ … }` or `subscription { … }`, comments left out. */
export function operations(block: string): string[] {
    const text = block.split('\n').filter(l => !l.trimStart().startsWith('#')).join('\n')
    const ops: string[] = []
    let depth = 0
    let start = 0
    for (let i = 0; i < text.length; i++) {
        const c = text[i]
        if (c === '"') {
            i = text.indexOf('"', i + 1)
            continue
        }
        if (c === '{') depth++
        if (c === '}' && --depth === 0) {
            ops.push(text.slice(start, i + 1).trim())
            start = i + 1
        }
    }
    return ops
}

/** The commands of a bash block: one per line, comments after `#` dropped. */
export function commands(block: string): string[] {
    return block.split('\n').map(l => l.replace(/\s+#.*$/, '').trim()).filter(l => l !== '' && !l.startsWith('#'))
}

/** Whether an answer holds something: every root field non-null and not an empty list. */
export function emptyFields(data: Record<string, unknown>): string[] {
    return Object.entries(data).filter(([, v]) => v == null || (Array.isArray(v) && v.length === 0)).map(([k]) => k)
}
