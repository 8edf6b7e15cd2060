// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice The two role views of an ERC-3643 (T-REX) token that this contract relies on.
interface IERC3643Roles {
    /// @notice Whether `account` is an agent of the token.
    function isAgent(address account) external view returns (bool);

    /// @notice The owner of the token.
    function owner() external view returns (address);
}

/**
 * @title DistributionManager
 * @notice Cash distributions (dividends, coupons, redemptions) to the holders of record of
 * ERC-3643 security tokens, paid in an ERC-20 (a stablecoin).
 *
 * Life cycle of a distribution:
 * 1. An agent or the owner of the security token creates it with a record block, the total
 *    amount, the Merkle root of the (holder, amount) entitlements and a claim window, and
 *    records on chain the policy the entitlements were computed with (basis, frozen balances,
 *    rounding rule), so that anyone can recompute them from the token's history.
 * 2. Anyone funds it with the payment token, up to the total amount.
 * 3. While the claim window is open, holders claim their entitlement with a Merkle proof, or an
 *    agent pushes the proven entitlements in batches; an agent may also make an explicit manual
 *    payment without proof (flagged `manual` in {PaymentMade}, with a memo) for corrections.
 * 4. After the window an agent or the owner reclaims the unclaimed rest. A distribution with
 *    no payment at all can instead be cancelled, which refunds every funder.
 *
 * Entitlement leaves use the OpenZeppelin StandardMerkleTree format for the types
 * `(address, uint256)`: `keccak256(bytes.concat(keccak256(abi.encode(holder, amount))))`.
 * Each leaf is paid at most once through {claim} or {pushPayments}; manual payments through
 * {agentPay} are separate and do not consume the leaf.
 *
 * Authorization is checked live against the security token: `isAgent(msg.sender)` or
 * `owner() == msg.sender`, at the time of each call.
 */
contract DistributionManager is ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice What the distribution pays for.
    enum Kind {
        DIVIDEND,
        COUPON,
        REDEMPTION,
        OTHER
    }

    /// @notice The unit that balances are aggregated by before the pro-rata split.
    /// BY_WALLET: each wallet's own balance. BY_INVESTOR: the balances of all wallets of one
    /// investor identity (ONCHAINID in the token's identity registry) are added up.
    enum Basis {
        BY_WALLET,
        BY_INVESTOR
    }

    /// @notice How pro-rata shares are rounded to whole units of the payment token.
    /// LARGEST_REMAINDER: every share is floored, then the units left over go one each to the
    /// holders with the largest fractional remainders, so that the shares sum exactly to the
    /// total (the tie-break between equal remainders is part of the policy document at
    /// `policyURI`). FLOOR: every share is floored; the units left over stay unallocated and
    /// are reclaimed with the unclaimed rest.
    enum Rounding {
        LARGEST_REMAINDER,
        FLOOR
    }

    /// @notice Everything recorded about one distribution.
    struct Distribution {
        address token;
        Kind kind;
        Basis basis;
        Rounding rounding;
        bool includeFrozen;
        bool cancelled;
        address paymentToken;
        uint64 recordBlock;
        uint64 claimStart;
        uint64 claimExpiry;
        address creator;
        bytes32 merkleRoot;
        uint256 totalAmount;
        uint256 funded;
        uint256 paid;
        uint256 reclaimed;
        string policyURI;
    }

    /// @notice The parameters of {createDistribution}.
    struct CreateParams {
        Kind kind;
        address token;
        address paymentToken;
        uint256 totalAmount;
        uint64 recordBlock;
        bytes32 merkleRoot;
        uint64 claimStart;
        uint64 claimExpiry;
        Basis basis;
        bool includeFrozen;
        Rounding rounding;
        string policyURI;
    }

    /// @notice At most this many distinct funders per distribution, so that {cancel} can
    /// refund all of them in one transaction.
    uint256 public constant MAX_FUNDERS = 20;

    uint256 private _count;
    mapping(uint256 id => Distribution) private _distributions;
    mapping(uint256 id => mapping(address holder => bool)) private _claimed;
    mapping(uint256 id => mapping(address holder => uint256)) private _paidTo;
    mapping(uint256 id => address[]) private _funders;
    mapping(uint256 id => mapping(address funder => uint256)) private _fundedBy;
    /// @notice The ERC-1400 partition a distribution pays the holders of; zero: the whole token.
    mapping(uint256 id => bytes32) public partitionOf;

    // ------------------------------------------------------------------ events

    /// @notice A distribution was created.
    /// @param id sequential id, starting at 1
    /// @param token the ERC-3643 security token whose holders of record are paid
    /// @param paymentToken the ERC-20 the distribution pays in
    /// @param kind DIVIDEND, COUPON, REDEMPTION or OTHER
    /// @param totalAmount the amount to distribute, in payment-token units
    /// @param recordBlock holders and balances are taken at the end of this block
    /// @param merkleRoot root of the (holder, amount) entitlements (StandardMerkleTree format)
    /// @param claimStart first timestamp at which payments can be made
    /// @param claimExpiry timestamp from which payments are closed and the rest can be reclaimed
    /// @param basis BY_WALLET or BY_INVESTOR
    /// @param includeFrozen whether frozen balances (frozen wallets and partially frozen
    /// tokens) count toward entitlements
    /// @param rounding how shares were rounded
    /// @param creator the agent or owner that created the distribution (msg.sender)
    /// @param policyURI optional pointer to the policy document and entitlement file
    event DistributionCreated(
        uint256 indexed id,
        address indexed token,
        address indexed paymentToken,
        Kind kind,
        uint256 totalAmount,
        uint64 recordBlock,
        bytes32 merkleRoot,
        uint64 claimStart,
        uint64 claimExpiry,
        Basis basis,
        bool includeFrozen,
        Rounding rounding,
        address creator,
        string policyURI
    );

    /// @notice Payment tokens were deposited into a distribution.
    /// @param id the distribution
    /// @param funder who paid them in (msg.sender)
    /// @param amount this deposit
    /// @param totalFunded all deposits so far, this one included
    event DistributionFunded(uint256 indexed id, address indexed funder, uint256 amount, uint256 totalFunded);

    /// @notice A payment was made to a holder.
    /// @param id the distribution
    /// @param holder the receiving wallet
    /// @param amount payment-token units paid
    /// @param actor msg.sender: the holder for a claim, the agent or owner for a push
    /// @param manual true for an {agentPay} payment made without a Merkle proof
    event PaymentMade(uint256 indexed id, address indexed holder, uint256 amount, address indexed actor, bool manual);

    /// @notice The memo of a manual payment, emitted right after its {PaymentMade}.
    /// @param id the distribution
    /// @param holder the receiving wallet
    /// @param memo the agent's justification
    event ManualPaymentMemo(uint256 indexed id, address indexed holder, string memo);

    /// @notice The unclaimed rest was taken back after the claim window.
    /// @param id the distribution
    /// @param to the receiving address
    /// @param amount payment-token units returned
    /// @param actor the agent or owner that reclaimed (msg.sender)
    event UnclaimedReclaimed(uint256 indexed id, address indexed to, uint256 amount, address indexed actor);

    /// @notice A distribution with no payment was cancelled and its funding refunded.
    /// @param id the distribution
    /// @param actor the agent or owner that cancelled (msg.sender)
    /// @param refunded total payment-token units refunded to the funders
    event DistributionCancelled(uint256 indexed id, address indexed actor, uint256 refunded);

    /// @notice One funder's deposits were refunded by {cancel}.
    /// @param id the distribution
    /// @param funder the refunded address
    /// @param amount payment-token units refunded to it
    event FundingRefunded(uint256 indexed id, address indexed funder, uint256 amount);

    /// @notice Emitted right after {DistributionCreated} by {createPartitionDistribution}: the
    /// distribution pays the holders of one partition of an ERC-1400 token, pro rata to their
    /// balances in that partition at the record block.
    /// @param id the distribution
    /// @param partition the ERC-1400 partition (e.g. a senior tranche)
    event DistributionPartitionSet(uint256 indexed id, bytes32 indexed partition);

    // ------------------------------------------------------------------ errors

    /// @notice No distribution has this id.
    error UnknownDistribution(uint256 id);
    /// @notice The caller is neither an agent nor the owner of the security token.
    error NotAuthorized(address caller, address token);
    /// @notice An address parameter is the zero address.
    error ZeroAddress();
    /// @notice An amount parameter is zero.
    error ZeroAmount();
    /// @notice The Merkle root is zero.
    error EmptyMerkleRoot();
    /// @notice A partition distribution names no partition.
    error EmptyPartition();
    /// @notice The record block is not in the past.
    error InvalidRecordBlock(uint64 recordBlock, uint256 currentBlock);
    /// @notice The claim window is empty or already over.
    error InvalidClaimWindow(uint64 claimStart, uint64 claimExpiry);
    /// @notice The distribution was cancelled.
    error DistributionIsCancelled(uint256 id);
    /// @notice The claim window has not opened yet.
    error ClaimWindowNotOpen(uint256 id, uint64 claimStart);
    /// @notice The claim window is over.
    error ClaimWindowClosed(uint256 id, uint64 claimExpiry);
    /// @notice The claim window is not over yet.
    error NotExpired(uint256 id, uint64 claimExpiry);
    /// @notice The funding would exceed the total amount.
    error FundingExceedsTotal(uint256 id, uint256 totalAmount, uint256 funded, uint256 amount);
    /// @notice The payment token moved a different amount than asked (fee-on-transfer tokens are not supported).
    error AmountMismatch(uint256 expected, uint256 received);
    /// @notice The distribution has no funding at all.
    error NotFunded(uint256 id);
    /// @notice The funds left are less than the payment.
    error InsufficientFunding(uint256 id, uint256 available, uint256 required);
    /// @notice The holder's entitlement was already paid through a claim or a push.
    error AlreadyClaimed(uint256 id, address holder);
    /// @notice (holder, amount) is not a leaf of the distribution's Merkle tree.
    error InvalidProof(uint256 id, address holder, uint256 amount);
    /// @notice The batch arrays have different lengths.
    error ArrayLengthMismatch(uint256 holders, uint256 amounts, uint256 proofs);
    /// @notice Payments were already made, so the distribution cannot be cancelled.
    error HasPayments(uint256 id, uint256 paid);
    /// @notice Nothing is left to reclaim.
    error NothingToReclaim(uint256 id);
    /// @notice The distribution already has MAX_FUNDERS distinct funders.
    error TooManyFunders(uint256 id);

    // ------------------------------------------------------------------ creation and funding

    /// @notice Creates a distribution. Only an agent or the owner of `p.token` may call it.
    /// @dev Reverts with NotAuthorized, ZeroAddress, ZeroAmount, EmptyMerkleRoot,
    /// InvalidRecordBlock (record block must be < block.number) or InvalidClaimWindow
    /// (claimStart < claimExpiry and claimExpiry > block.timestamp).
    /// @param p the distribution's parameters and entitlement policy
    /// @return id the new distribution's id (sequential, from 1)
    function createDistribution(CreateParams calldata p) external returns (uint256 id) {
        id = _create(p);
    }

    /// @notice Creates a distribution to the holders of one partition of an ERC-1400 token,
    /// entitled by their balances in that partition at the record block. As {createDistribution}.
    /// @dev Reverts with EmptyPartition, or as {createDistribution}. Emits {DistributionCreated},
    /// then {DistributionPartitionSet}.
    /// @param p the distribution's parameters and entitlement policy
    /// @param partition the ERC-1410 partition whose holders it pays
    /// @return id the new distribution's id
    function createPartitionDistribution(CreateParams calldata p, bytes32 partition) external returns (uint256 id) {
        if (partition == bytes32(0)) revert EmptyPartition();
        id = _create(p);
        partitionOf[id] = partition;
        emit DistributionPartitionSet(id, partition);
    }

    function _create(CreateParams calldata p) private returns (uint256 id) {
        if (p.token == address(0) || p.paymentToken == address(0)) revert ZeroAddress();
        _requireAuthorized(p.token);
        if (p.totalAmount == 0) revert ZeroAmount();
        if (p.merkleRoot == bytes32(0)) revert EmptyMerkleRoot();
        if (p.recordBlock >= block.number) revert InvalidRecordBlock(p.recordBlock, block.number);
        if (p.claimStart >= p.claimExpiry || p.claimExpiry <= block.timestamp) {
            revert InvalidClaimWindow(p.claimStart, p.claimExpiry);
        }

        id = ++_count;
        Distribution storage d = _distributions[id];
        d.token = p.token;
        d.kind = p.kind;
        d.basis = p.basis;
        d.rounding = p.rounding;
        d.includeFrozen = p.includeFrozen;
        d.paymentToken = p.paymentToken;
        d.recordBlock = p.recordBlock;
        d.claimStart = p.claimStart;
        d.claimExpiry = p.claimExpiry;
        d.creator = msg.sender;
        d.merkleRoot = p.merkleRoot;
        d.totalAmount = p.totalAmount;
        d.policyURI = p.policyURI;
        _emitCreated(id, d);
    }

    /// @notice Deposits `amount` payment tokens into distribution `id`; anyone may fund.
    /// The caller must have approved this contract for `amount` first.
    /// @dev Reverts with UnknownDistribution, DistributionIsCancelled, ClaimWindowClosed,
    /// ZeroAmount, FundingExceedsTotal, TooManyFunders or AmountMismatch.
    /// @param id the distribution
    /// @param amount payment-token units to deposit
    function fund(uint256 id, uint256 amount) external nonReentrant {
        Distribution storage d = _live(id);
        if (block.timestamp >= d.claimExpiry) revert ClaimWindowClosed(id, d.claimExpiry);
        if (amount == 0) revert ZeroAmount();
        if (d.funded + amount > d.totalAmount) revert FundingExceedsTotal(id, d.totalAmount, d.funded, amount);
        if (_fundedBy[id][msg.sender] == 0) {
            if (_funders[id].length >= MAX_FUNDERS) revert TooManyFunders(id);
            _funders[id].push(msg.sender);
        }
        d.funded += amount;
        _fundedBy[id][msg.sender] += amount;

        IERC20 paymentToken = IERC20(d.paymentToken);
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != amount) revert AmountMismatch(amount, received);

        emit DistributionFunded(id, msg.sender, amount, d.funded);
    }

    // ------------------------------------------------------------------ payments

    /// @notice Pays the caller its full entitlement `amount`, proven by `proof`, once.
    /// @dev Reverts with UnknownDistribution, DistributionIsCancelled, ClaimWindowNotOpen,
    /// ClaimWindowClosed, AlreadyClaimed, InvalidProof (also when `amount` differs from the
    /// leaf), NotFunded or InsufficientFunding.
    /// @param id the distribution
    /// @param amount the caller's entitlement, exactly as in its leaf
    /// @param proof the Merkle proof of the leaf (msg.sender, amount)
    function claim(uint256 id, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        Distribution storage d = _live(id);
        _requireOpen(id, d);
        _payProven(id, d, msg.sender, amount, proof);
    }

    /// @notice Pays proven entitlements to many holders in one transaction. Only an agent or
    /// the owner of the security token may call it. The whole batch reverts if any holder
    /// was already paid or any proof fails.
    /// @dev Reverts with NotAuthorized, ArrayLengthMismatch and the errors of {claim}.
    /// @param id the distribution
    /// @param holders the receiving wallets
    /// @param amounts each holder's entitlement, exactly as in its leaf
    /// @param proofs each holder's Merkle proof
    function pushPayments(
        uint256 id,
        address[] calldata holders,
        uint256[] calldata amounts,
        bytes32[][] calldata proofs
    ) external nonReentrant {
        Distribution storage d = _live(id);
        _requireAuthorized(d.token);
        if (holders.length != amounts.length || holders.length != proofs.length) {
            revert ArrayLengthMismatch(holders.length, amounts.length, proofs.length);
        }
        _requireOpen(id, d);
        for (uint256 i = 0; i < holders.length; ++i) {
            _payProven(id, d, holders[i], amounts[i], proofs[i]);
        }
    }

    /// @notice An explicit manual payment by an agent or the owner, without Merkle proof, for
    /// corrections (e.g. a holder whose wallet was recovered). Bounded by the funds left; it
    /// does not mark the holder's leaf as claimed. Emits {PaymentMade} with `manual = true`,
    /// then {ManualPaymentMemo}.
    /// @dev Reverts with UnknownDistribution, DistributionIsCancelled, NotAuthorized,
    /// ZeroAddress, ZeroAmount, ClaimWindowNotOpen, ClaimWindowClosed, NotFunded or
    /// InsufficientFunding.
    /// @param id the distribution
    /// @param holder the receiving wallet
    /// @param amount payment-token units to pay
    /// @param memo why the payment was made, for the audit trail
    function agentPay(uint256 id, address holder, uint256 amount, string calldata memo) external nonReentrant {
        Distribution storage d = _live(id);
        _requireAuthorized(d.token);
        if (holder == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _requireOpen(id, d);
        _pay(id, d, holder, amount, true);
        emit ManualPaymentMemo(id, holder, memo);
    }

    // ------------------------------------------------------------------ closing

    /// @notice After the claim window, sends the unclaimed rest (funded minus paid) to `to`.
    /// Only an agent or the owner of the security token may call it.
    /// @dev Reverts with UnknownDistribution, DistributionIsCancelled, NotAuthorized,
    /// ZeroAddress, NotExpired or NothingToReclaim.
    /// @param id the distribution
    /// @param to the receiving address
    /// @return amount payment-token units returned
    function reclaim(uint256 id, address to) external nonReentrant returns (uint256 amount) {
        Distribution storage d = _live(id);
        _requireAuthorized(d.token);
        if (to == address(0)) revert ZeroAddress();
        if (block.timestamp < d.claimExpiry) revert NotExpired(id, d.claimExpiry);
        amount = _available(d);
        if (amount == 0) revert NothingToReclaim(id);
        d.reclaimed += amount;
        IERC20(d.paymentToken).safeTransfer(to, amount);
        emit UnclaimedReclaimed(id, to, amount, msg.sender);
    }

    /// @notice Cancels a distribution on which no payment was made and refunds every funder
    /// its deposits. Only an agent or the owner of the security token may call it.
    /// @dev Reverts with UnknownDistribution, DistributionIsCancelled, NotAuthorized or
    /// HasPayments.
    /// @param id the distribution
    function cancel(uint256 id) external nonReentrant {
        Distribution storage d = _live(id);
        _requireAuthorized(d.token);
        if (d.paid != 0) revert HasPayments(id, d.paid);
        d.cancelled = true;
        uint256 refunded = d.funded;
        address[] storage funders = _funders[id];
        IERC20 paymentToken = IERC20(d.paymentToken);
        for (uint256 i = 0; i < funders.length; ++i) {
            address funder = funders[i];
            uint256 amount = _fundedBy[id][funder];
            _fundedBy[id][funder] = 0;
            paymentToken.safeTransfer(funder, amount);
            emit FundingRefunded(id, funder, amount);
        }
        // Funding counters stay as they were (history); `cancelled` makes them inert.
        emit DistributionCancelled(id, msg.sender, refunded);
    }

    // ------------------------------------------------------------------ views

    /// @notice The number of distributions created; ids run from 1 to this number.
    function distributionCount() external view returns (uint256) {
        return _count;
    }

    /// @notice Everything recorded about distribution `id`.
    /// @param id the distribution
    function getDistribution(uint256 id) external view returns (Distribution memory) {
        return _get(id);
    }

    /// @notice Payment tokens held for distribution `id` and not yet paid or reclaimed
    /// (zero once cancelled).
    /// @param id the distribution
    function available(uint256 id) external view returns (uint256) {
        Distribution storage d = _get(id);
        return d.cancelled ? 0 : _available(d);
    }

    /// @notice Whether `holder`'s leaf was paid through {claim} or {pushPayments}.
    /// @param id the distribution
    /// @param holder the wallet
    function hasClaimed(uint256 id, address holder) external view returns (bool) {
        return _claimed[id][holder];
    }

    /// @notice All payments to `holder` in distribution `id`, proven and manual.
    /// @param id the distribution
    /// @param holder the wallet
    function paidTo(uint256 id, address holder) external view returns (uint256) {
        return _paidTo[id][holder];
    }

    /// @notice The distinct funders of distribution `id`, in order of first deposit.
    /// @param id the distribution
    function fundersOf(uint256 id) external view returns (address[] memory) {
        return _funders[id];
    }

    /// @notice Deposits of `funder` into distribution `id` that were not refunded.
    /// @param id the distribution
    /// @param funder the depositor
    function fundedBy(uint256 id, address funder) external view returns (uint256) {
        return _fundedBy[id][funder];
    }

    /// @notice Whether (holder, amount) is a leaf of distribution `id`'s Merkle tree.
    /// @param id the distribution
    /// @param holder the wallet
    /// @param amount the entitlement
    /// @param proof the Merkle proof
    function verifyEntitlement(uint256 id, address holder, uint256 amount, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        return MerkleProof.verifyCalldata(proof, _get(id).merkleRoot, leaf(holder, amount));
    }

    /// @notice The StandardMerkleTree leaf of (holder, amount).
    /// @param holder the wallet
    /// @param amount the entitlement
    function leaf(address holder, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(holder, amount))));
    }

    /// @notice Whether `account` may manage distributions of `token`: it is an agent or the
    /// owner of the token. False when `token` has no code or answers neither call.
    /// @param token the ERC-3643 security token
    /// @param account the address to check
    function isAuthorized(address token, address account) public view returns (bool) {
        if (token.code.length == 0) return false;
        try IERC3643Roles(token).isAgent(account) returns (bool agent) {
            if (agent) return true;
        } catch {
            // not an ERC-3643 token: fall through to owner()
        }
        try IERC3643Roles(token).owner() returns (address tokenOwner) {
            return tokenOwner == account;
        } catch {
            return false;
        }
    }

    // ------------------------------------------------------------------ internals

    function _emitCreated(uint256 id, Distribution storage d) private {
        emit DistributionCreated(
            id,
            d.token,
            d.paymentToken,
            d.kind,
            d.totalAmount,
            d.recordBlock,
            d.merkleRoot,
            d.claimStart,
            d.claimExpiry,
            d.basis,
            d.includeFrozen,
            d.rounding,
            d.creator,
            d.policyURI
        );
    }

    function _get(uint256 id) private view returns (Distribution storage d) {
        d = _distributions[id];
        if (d.token == address(0)) revert UnknownDistribution(id);
    }

    function _live(uint256 id) private view returns (Distribution storage d) {
        d = _get(id);
        if (d.cancelled) revert DistributionIsCancelled(id);
    }

    function _requireAuthorized(address token) private view {
        if (!isAuthorized(token, msg.sender)) revert NotAuthorized(msg.sender, token);
    }

    function _requireOpen(uint256 id, Distribution storage d) private view {
        if (block.timestamp < d.claimStart) revert ClaimWindowNotOpen(id, d.claimStart);
        if (block.timestamp >= d.claimExpiry) revert ClaimWindowClosed(id, d.claimExpiry);
    }

    function _available(Distribution storage d) private view returns (uint256) {
        return d.funded - d.paid - d.reclaimed;
    }

    function _payProven(
        uint256 id,
        Distribution storage d,
        address holder,
        uint256 amount,
        bytes32[] calldata proof
    ) private {
        if (_claimed[id][holder]) revert AlreadyClaimed(id, holder);
        if (!MerkleProof.verifyCalldata(proof, d.merkleRoot, leaf(holder, amount))) {
            revert InvalidProof(id, holder, amount);
        }
        _claimed[id][holder] = true;
        _pay(id, d, holder, amount, false);
    }

    function _pay(uint256 id, Distribution storage d, address holder, uint256 amount, bool manual) private {
        if (d.funded == 0) revert NotFunded(id);
        uint256 left = _available(d);
        if (amount > left) revert InsufficientFunding(id, left, amount);
        d.paid += amount;
        _paidTo[id][holder] += amount;
        IERC20(d.paymentToken).safeTransfer(holder, amount);
        emit PaymentMade(id, holder, amount, msg.sender, manual);
    }
}
