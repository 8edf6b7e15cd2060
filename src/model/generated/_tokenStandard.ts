export enum TokenStandard {
    ERC3643 = "ERC3643",
    ERC1400 = "ERC1400",
}
