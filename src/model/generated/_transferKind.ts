export enum TransferKind {
    MINT = "MINT",
    BURN = "BURN",
    TRANSFER = "TRANSFER",
    FORCED = "FORCED",
    RECOVERY = "RECOVERY",
    DVD = "DVD",
}
