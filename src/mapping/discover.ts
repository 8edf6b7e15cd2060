import {ContractKind, TokenStandard} from '../model'
import {backfillLogs, SourceLog} from './backfill'
import {eventOf, provenanceOf} from './decode'
import {discoveriesOf, selfDiscovery, selfDiscoveryFilters} from './discovery'
import {newToken} from './factory'
import {ContractRegistry, Provenance} from './registry'
import {BatchState} from './state'
import {NodeLimits, RpcBatchClient} from '../rpc/nodeLimits'

/** What discovery starts from: the configured contracts, and the first block indexed. */
export interface DiscoveryConfig {
    startBlock: number
    factories: ReadonlySet<string>
    listedTokens: ReadonlySet<string>
    /** ERC-1400 tokens (ERC1400_TOKENS) */
    erc1400Tokens: ReadonlySet<string>
    distributionManagers: ReadonlySet<string>
    nodeLimits: NodeLimits
}

/**
 * The batch's logs, with every log up to the batch's last block of each contract first watched in
 * this batch, until those reveal nothing more: a contract's past (an identity's KYC claim predates
 * its registration), and its logs in this batch when the batch was fetched by address without it.
 */
export async function discoverWithHistory(client: RpcBatchClient, batch: SourceLog[], registry: ContractRegistry, state: BatchState, cfg: DiscoveryConfig, lastBlock: number): Promise<SourceLog[]> {
    let logs = batch
    let backfilled = 0
    // Each round watches more contracts or ends: the chain of discoveries (factory → suite → registries →
    // identities → issuers) is as deep as the deployment, not a fixed number of rounds.
    for (;;) {
        discover(logs, registry, state, cfg)
        const fresh = state.newContracts.slice(backfilled)
        if (fresh.length === 0) return logs
        backfilled = state.newContracts.length
        const ofKind = (kind: ContractKind) => fresh.filter(c => c.kind === kind).map(c => c.address)
        const filters = [{address: fresh.map(c => c.address)}, ...selfDiscoveryFilters(ofKind(ContractKind.TOKEN), ofKind(ContractKind.FACTORY))]
        logs = mergeLogs(logs, await backfillLogs(client, filters, cfg.startBlock, lastBlock, cfg.nodeLimits))
    }
}

/** Logs of both lists once each (a log is its block and index), in chain order; `a`'s copy wins. */
export function mergeLogs(a: SourceLog[], b: SourceLog[]): SourceLog[] {
    const byPosition = new Map<string, SourceLog>()
    for (const log of [...b, ...a]) byPosition.set(`${log.block.height}:${log.logIndex}`, log)
    return [...byPosition.values()].sort((x, y) => x.block.height - y.block.height || x.logIndex - y.logIndex)
}

/**
 * Finds the contracts this batch's logs point to, repeating until nothing new turns up: a
 * contract's initialisation logs precede the event that reveals it (a factory's, a registry's).
 */
function discover(logs: SourceLog[], registry: ContractRegistry, state: BatchState, cfg: DiscoveryConfig): void {
    for (let found = true; found;) {
        found = false
        for (const log of logs) {
            let kind = registry.get(log.address)?.kind
            if (kind == null && cfg.listedTokens.has(log.address)) {
                found = watchToken(registry, state, log.address, null, 'TOKENS', provenanceOf(log)) || found
                continue
            }
            if (kind == null && cfg.erc1400Tokens.has(log.address)) {
                found = watchToken(registry, state, log.address, null, 'ERC1400_TOKENS', provenanceOf(log), TokenStandard.ERC1400) || found
                continue
            }
            if (kind == null) {
                const configured = cfg.factories.has(log.address) ? ContractKind.FACTORY
                    : cfg.distributionManagers.has(log.address) ? ContractKind.DISTRIBUTION_MANAGER : undefined
                kind = configured ?? selfDiscovery(log, a => registry.get(a) != null || cfg.factories.has(a))
                if (kind == null) continue
                const by = configured === ContractKind.FACTORY ? 'TREX_FACTORIES' : configured ? 'DISTRIBUTION_MANAGERS' : `${kind} event`
                registry.watch(state, log.address, kind, by, provenanceOf(log))
                found = true
            }
            let ev
            try {
                ev = eventOf(kind, log)
            } catch {
                continue // recorded as skipped when the batch is decoded
            }
            if (ev == null) continue
            for (const d of discoveriesOf(ev)) {
                if (d.kind === ContractKind.TOKEN) {
                    found = watchToken(registry, state, d.address, kind === ContractKind.FACTORY ? log.address : null, `${kind}.${ev.name}`, ev) || found
                } else {
                    const token = d.token ? state.tokens.get(d.token) : undefined
                    found = registry.watch(state, d.address, d.kind, `${kind}.${ev.name}`, ev, token) != null || found
                }
                if (d.linkFrom) {
                    const ir = registry.get(d.linkFrom.registry)
                    if (ir && ir[d.linkFrom.field] == null) registry.link(state, ir, d.linkFrom.field, d.address)
                }
            }
        }
    }
}

function watchToken(registry: ContractRegistry, state: BatchState, address: string, factory: string | null, by: string, at: Provenance, standard = TokenStandard.ERC3643): boolean {
    if (registry.get(address)) return false
    const token = newToken(state.chainId, {address, factory, block: at.block, txHash: at.txHash}, standard)
    state.addToken(token)
    registry.watch(state, address, standard === TokenStandard.ERC1400 ? ContractKind.ERC1400_TOKEN : ContractKind.TOKEN, by, at, token)
    return true
}
