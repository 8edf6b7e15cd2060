// A few lines of DOM building: every text from the API (token names come from the chain) goes in
// as text, never as HTML.

type Child = Node | string | null | undefined | false
export type Attrs = Record<string, string | boolean | ((e: Event) => void) | undefined>

/** An element with attributes (`on…` functions become listeners; false/undefined are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === false) continue
        if (typeof v === 'function') el.addEventListener(k.slice(2), v)
        else el.setAttribute(k, v === true ? '' : v)
    }
    for (const c of children.flat()) if (c != null && c !== false) el.append(c)
    return el
}

/** The element with id `id`, which index.html has. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
    const el = document.getElementById(id)
    if (el == null) throw new Error(`the page has no #${id}`)
    return el as T
}

/** Replaces the children of `el`. */
export function fill(el: HTMLElement, ...children: (Child | Child[])[]): void {
    el.replaceChildren(...children.flat().filter((c): c is Node | string => c != null && c !== false))
}

/** A section's state line: loading, empty or an error (role=alert), or nothing. */
export function note(el: HTMLElement, kind: 'loading' | 'empty' | 'error' | null, text = ''): void {
    el.className = kind == null ? 'note' : `note ${kind}`
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status')
    el.textContent = kind == null ? '' : text
    el.hidden = kind == null
}

export const shortAddress = (a: string) => a.length > 14 ? `${a.slice(0, 8)}…${a.slice(-6)}` : a
