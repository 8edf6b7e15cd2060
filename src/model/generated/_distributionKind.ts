export enum DistributionKind {
    DIVIDEND = "DIVIDEND",
    COUPON = "COUPON",
    REDEMPTION = "REDEMPTION",
    OTHER = "OTHER",
}
