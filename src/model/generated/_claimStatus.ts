export enum ClaimStatus {
    ACTIVE = "ACTIVE",
    REMOVED = "REMOVED",
    REVOKED = "REVOKED",
}
