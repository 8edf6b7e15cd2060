export enum DistributionStatus {
    CANCELLED = "CANCELLED",
    RECLAIMED = "RECLAIMED",
    PAID = "PAID",
    EXPIRED = "EXPIRED",
    PAYING = "PAYING",
    FUNDED = "FUNDED",
    CREATED = "CREATED",
}
