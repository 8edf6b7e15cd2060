export enum RoundingRule {
    LARGEST_REMAINDER = "LARGEST_REMAINDER",
    FLOOR = "FLOOR",
}
