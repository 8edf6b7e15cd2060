import http from 'http'

/** An `/export/…` route (./exports.ts): answers the request for `url` on `res`; a rejection becomes a 500. */
export type ExportHandler = (url: URL, res: http.ServerResponse) => Promise<void>
