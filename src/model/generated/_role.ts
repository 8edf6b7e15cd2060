export enum Role {
    AGENT = "AGENT",
    OWNER = "OWNER",
}
