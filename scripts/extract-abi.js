// Copies the ABIs of the contracts we index out of the npm artifacts, so typegen and reviewers see them in abi/.
const fs = require('fs')
const path = require('path')
const trex = require('@tokenysolutions/t-rex').contracts
const onchainid = require('@onchain-id/solidity').contracts

const wanted = {
    Token: trex.Token,
    // T-REX tokens, registries and compliance sit behind proxies that emit their own events.
    AbstractProxy: trex.AbstractProxy,
    TREXFactory: trex.TREXFactory,
    TREXGateway: trex.TREXGateway,
    IdentityRegistry: trex.IdentityRegistry,
    IdentityRegistryStorage: trex.IdentityRegistryStorage,
    TrustedIssuersRegistry: trex.TrustedIssuersRegistry,
    ClaimTopicsRegistry: trex.ClaimTopicsRegistry,
    ModularCompliance: trex.ModularCompliance,
    CountryAllowModule: trex.CountryAllowModule,
    CountryRestrictModule: trex.CountryRestrictModule,
    MaxBalanceModule: trex.MaxBalanceModule,
    SupplyLimitModule: trex.SupplyLimitModule,
    TransferRestrictModule: trex.TransferRestrictModule,
    ConditionalTransferModule: trex.ConditionalTransferModule,
    TimeTransfersLimitsModule: trex.TimeTransfersLimitsModule,
    TimeExchangeLimitsModule: trex.TimeExchangeLimitsModule,
    ExchangeMonthlyLimitsModule: trex.ExchangeMonthlyLimitsModule,
    TransferFeesModule: trex.TransferFeesModule,
    TokenListingRestrictionsModule: trex.TokenListingRestrictionsModule,
    DVDTransferManager: trex.DVDTransferManager,
    // The implementation authority says which T-REX version a suite's proxies run.
    TREXImplementationAuthority: trex.TREXImplementationAuthority,
    Identity: onchainid.Identity,
    // ONCHAINID's factory exports as `Factory`; its contract is IdFactory.
    IdFactory: onchainid.Factory,
    ClaimIssuer: onchainid.ClaimIssuer,
}
// Our own DistributionManager's ABI is written by scripts/compile-contracts.js.
const out = path.join(__dirname, '..', 'abi')
fs.mkdirSync(out, {recursive: true})
for (const [name, artifact] of Object.entries(wanted)) {
    fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(artifact.abi, null, 2) + '\n')
}
