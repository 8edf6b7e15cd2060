// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title TestStablecoin
 * @notice "Test USD" (tUSD): a plain 6-decimals ERC-20 that pays distributions in tests and in
 * the local demo. Only the owner (the deployer) can mint. Not for production use.
 */
contract TestStablecoin is ERC20, Ownable {
    constructor() ERC20("Test USD", "tUSD") Ownable(msg.sender) {}

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Creates `amount` units for `to`. Owner only.
    /// @param to the receiving address
    /// @param amount units (10^-6 tUSD) to create
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
