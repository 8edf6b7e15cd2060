export enum EntitlementBasis {
    BY_WALLET = "BY_WALLET",
    BY_INVESTOR = "BY_INVESTOR",
}
