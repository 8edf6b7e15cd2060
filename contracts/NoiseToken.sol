// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title NoiseToken
 * @notice Benchmark-only: a plain ERC-20 that moves many balances in one transaction, so a generated
 * chain can hold far more unrelated Transfer and Approval logs than T-REX ones in the same blocks.
 * Not for production use.
 */
contract NoiseToken is ERC20 {
    constructor(string memory name_, address holder, uint256 supply) ERC20(name_, name_) {
        _mint(holder, supply);
    }

    /// @notice Transfers `amount` from the caller to each of `to` (one Transfer log each).
    function spray(address[] calldata to, uint256 amount) external {
        for (uint256 i = 0; i < to.length; i++) _transfer(msg.sender, to[i], amount);
    }

    /// @notice Approves each of `spenders` for `amount` (one Approval log each).
    function approveMany(address[] calldata spenders, uint256 amount) external {
        for (uint256 i = 0; i < spenders.length; i++) _approve(msg.sender, spenders[i], amount);
    }
}
