import fs from 'fs'
import http from 'http'
import path from 'path'

/**
 * The dashboard's prebuilt files (scripts/build.js bundles dashboard/ into lib/dashboard/), read once
 * and served from memory: the page at / and /dashboard, its assets under /dashboard/. The page reads
 * nothing but the public GraphQL API on this same port.
 */
export type DashboardHandler = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
}
// Only this origin: the page's script, its styles (Chart.js sizes canvases through style), the API and its websocket.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

interface File {
    body: Buffer
    type: string
}

/** The files of `dir` (default: lib/dashboard next to this module); a handler that answers and returns true for the dashboard's paths. */
export function dashboardHandler(dir = path.join(__dirname, '..', 'dashboard')): DashboardHandler {
    const files = new Map<string, File>()
    if (fs.existsSync(dir)) {
        for (const name of fs.readdirSync(dir)) {
            const type = TYPES[path.extname(name)]
            if (type != null) files.set(name, {body: fs.readFileSync(path.join(dir, name)), type})
        }
    }
    return (req, res, pathname) => {
        const name = pathname === '/' || pathname === '/dashboard' || pathname === '/dashboard/' ? 'index.html'
            : pathname.startsWith('/dashboard/') ? pathname.slice('/dashboard/'.length) : undefined
        if (name === undefined) return false
        const file = files.get(name)
        if (file == null || (req.method !== 'GET' && req.method !== 'HEAD')) {
            const status = file == null ? 404 : 405
            res.writeHead(status, {'content-type': 'text/plain; charset=utf-8', ...(status === 405 ? {allow: 'GET, HEAD'} : {})})
            res.end(status === 405 ? `${req.method} is not served here: the dashboard is read with GET\n`
                : files.size === 0 ? 'the dashboard is not built: run `npm run build` (it bundles dashboard/ into lib/dashboard/)\n' : `nothing at ${pathname}\n`)
            return true
        }
        res.writeHead(200, {
            'content-type': file.type, 'content-length': String(file.body.length), 'cache-control': 'no-cache',
            'x-content-type-options': 'nosniff', 'content-security-policy': CSP, 'referrer-policy': 'no-referrer',
        })
        res.end(req.method === 'HEAD' ? undefined : file.body)
        return true
    }
}
