// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/**
 * @title BatchCaller
 * @notice Test helper: its owner makes several calls in one transaction, as a batching contract or a
 * multisig would. Made an agent of a token and its registry, it is what the token sees as the caller
 * (msg.sender), while the transaction's own call is `execute`. Not for production use.
 */
contract BatchCaller {
    address public immutable owner;

    /// @notice Call `index` reverted with `reason` (its revert data).
    error CallFailed(uint256 index, bytes reason);
    error NotOwner();
    error LengthMismatch();

    constructor() {
        owner = msg.sender;
    }

    /// @notice Calls `targets[i]` with `data[i]`, in order; any revert reverts the whole batch.
    function execute(address[] calldata targets, bytes[] calldata data) external {
        if (msg.sender != owner) revert NotOwner();
        if (targets.length != data.length) revert LengthMismatch();
        for (uint256 i = 0; i < targets.length; i++) {
            (bool ok, bytes memory reason) = targets[i].call(data[i]);
            if (!ok) revert CallFailed(i, reason);
        }
    }
}
