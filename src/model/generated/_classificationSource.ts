export enum ClassificationSource {
    ADDRESS = "ADDRESS",
    TX_SELECTOR = "TX_SELECTOR",
    CALL_TRACE = "CALL_TRACE",
    TX_EVENTS = "TX_EVENTS",
    STORAGE_READ = "STORAGE_READ",
}
