export enum DistributionStatus {
    CREATED = "CREATED",
    FUNDED = "FUNDED",
    PAYING = "PAYING",
    RECLAIMED = "RECLAIMED",
    CANCELLED = "CANCELLED",
}
