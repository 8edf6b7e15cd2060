// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/**
 * @title ERC1400Token
 * @notice TEST FIXTURE for the indexer, not a product contract: a compact ERC-1400 security token
 * (ERC-1410 partitions, ERC-1594 issuance and redemption, ERC-1643 documents, ERC-1644 controller
 * operations, plus the ERC-20 it extends) that emits every event of the family with the signatures the
 * EIPs define, so the indexer can be tested on a real chain. It has no transfer restrictions, no
 * certificates, no upgradability and no audit: never deploy it to hold value.
 *
 * With `polymathEvents` set, issuance and redemption by partition emit the signatures of Polymath's
 * security token (polymath-core ISecurityToken / IERC1410) instead of the EIP's:
 * `IssuedByPartition(bytes32 indexed, address indexed to, uint256, bytes data)` (no operator, no
 * operatorData) and `RedeemedByPartition(..., uint256, bytes data, bytes operatorData)` (data added).
 *
 * A transfer by partition whose `data` starts with CHANGE_PARTITION_FLAG followed by a partition moves the
 * tokens into that partition and emits ChangedPartition (the convention of ConsenSys' ERC1400).
 */
contract ERC1400Token {
    // ERC-20
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    // ERC-1410
    event TransferByPartition(bytes32 indexed _fromPartition, address _operator, address indexed _from, address indexed _to, uint256 _value, bytes _data, bytes _operatorData);
    event ChangedPartition(bytes32 indexed _fromPartition, bytes32 indexed _toPartition, uint256 _value);
    event AuthorizedOperator(address indexed operator, address indexed tokenHolder);
    event RevokedOperator(address indexed operator, address indexed tokenHolder);
    event AuthorizedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder);
    event RevokedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder);
    event IssuedByPartition(bytes32 indexed partition, address indexed operator, address indexed to, uint256 amount, bytes data, bytes operatorData);
    event RedeemedByPartition(bytes32 indexed partition, address indexed operator, address indexed from, uint256 amount, bytes operatorData);
    // Polymath's signatures of the same two events (emitted instead when polymathEvents is set)
    event IssuedByPartition(bytes32 indexed partition, address indexed to, uint256 value, bytes data);
    event RedeemedByPartition(bytes32 indexed partition, address indexed operator, address indexed from, uint256 value, bytes data, bytes operatorData);

    // ERC-1594
    event Issued(address indexed _operator, address indexed _to, uint256 _value, bytes _data);
    event Redeemed(address indexed _operator, address indexed _from, uint256 _value, bytes _data);

    // ERC-1644
    event ControllerTransfer(address _controller, address indexed _from, address indexed _to, uint256 _value, bytes _data, bytes _operatorData);
    event ControllerRedemption(address _controller, address indexed _tokenHolder, uint256 _value, bytes _data, bytes _operatorData);

    // ERC-1643
    event DocumentRemoved(bytes32 indexed _name, string _uri, bytes32 _documentHash);
    event DocumentUpdated(bytes32 indexed _name, string _uri, bytes32 _documentHash);

    bytes32 public constant CHANGE_PARTITION_FLAG = 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff;

    struct Document {
        string uri;
        bytes32 documentHash;
        uint256 lastModified;
    }

    string public name;
    string public symbol;
    uint8 public immutable decimals;
    address public immutable owner;
    address public immutable controller;
    bool public immutable polymathEvents;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    mapping(bytes32 => uint256) public totalSupplyByPartition;
    mapping(address => mapping(bytes32 => uint256)) private _balanceByPartition;
    mapping(address => bytes32[]) private _partitionsOf;
    bytes32[] private _totalPartitions;
    /** partitions ERC-20 transfers, redemptions and controller operations draw from, in order; issue() issues into the first */
    bytes32[] private _defaultPartitions;

    mapping(address => mapping(address => bool)) private _operators;
    mapping(bytes32 => mapping(address => mapping(address => bool))) private _partitionOperators;

    mapping(bytes32 => Document) private _documents;
    bytes32[] private _documentNames;

    modifier onlyOwner() {
        require(msg.sender == owner, "ERC1400: not the issuer");
        _;
    }

    modifier onlyController() {
        require(msg.sender == controller, "ERC1400: not the controller");
        _;
    }

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address controller_, bytes32[] memory defaultPartitions_, bool polymathEvents_) {
        require(defaultPartitions_.length > 0, "ERC1400: no default partition");
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
        owner = msg.sender;
        controller = controller_;
        _defaultPartitions = defaultPartitions_;
        polymathEvents = polymathEvents_;
    }

    // ---- ERC-20 ----

    function transfer(address to, uint256 value) external returns (bool) {
        _transferByDefaultPartitions(msg.sender, msg.sender, to, value, "", "");
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _spendAllowance(from, value);
        _transferByDefaultPartitions(msg.sender, from, to, value, "", "");
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    // ---- ERC-1594 ----

    function transferWithData(address to, uint256 value, bytes calldata data) external {
        _transferByDefaultPartitions(msg.sender, msg.sender, to, value, data, "");
    }

    function isIssuable() external pure returns (bool) {
        return true;
    }

    function issue(address tokenHolder, uint256 value, bytes calldata data) external onlyOwner {
        _issueByPartition(_defaultPartitions[0], tokenHolder, value, data);
    }

    function redeem(uint256 value, bytes calldata data) external {
        _redeemByDefaultPartitions(msg.sender, msg.sender, value, data);
    }

    function redeemFrom(address tokenHolder, uint256 value, bytes calldata data) external {
        _spendAllowance(tokenHolder, value);
        _redeemByDefaultPartitions(msg.sender, tokenHolder, value, data);
    }

    // ---- ERC-1410 ----

    function balanceOfByPartition(bytes32 partition, address tokenHolder) external view returns (uint256) {
        return _balanceByPartition[tokenHolder][partition];
    }

    function partitionsOf(address tokenHolder) external view returns (bytes32[] memory) {
        return _partitionsOf[tokenHolder];
    }

    function totalPartitions() external view returns (bytes32[] memory) {
        return _totalPartitions;
    }

    function getDefaultPartitions() external view returns (bytes32[] memory) {
        return _defaultPartitions;
    }

    function transferByPartition(bytes32 partition, address to, uint256 value, bytes calldata data) external returns (bytes32) {
        return _transferByPartition(partition, msg.sender, msg.sender, to, value, data, "");
    }

    function operatorTransferByPartition(bytes32 partition, address from, address to, uint256 value, bytes calldata data, bytes calldata operatorData)
        external returns (bytes32)
    {
        require(isOperatorForPartition(partition, msg.sender, from), "ERC1400: not an operator");
        return _transferByPartition(partition, msg.sender, from, to, value, data, operatorData);
    }

    function issueByPartition(bytes32 partition, address tokenHolder, uint256 value, bytes calldata data) external onlyOwner {
        _issueByPartition(partition, tokenHolder, value, data);
    }

    function redeemByPartition(bytes32 partition, uint256 value, bytes calldata data) external {
        _redeemByPartition(partition, msg.sender, msg.sender, value, data, "");
    }

    function operatorRedeemByPartition(bytes32 partition, address tokenHolder, uint256 value, bytes calldata operatorData) external {
        require(isOperatorForPartition(partition, msg.sender, tokenHolder), "ERC1400: not an operator");
        _redeemByPartition(partition, msg.sender, tokenHolder, value, "", operatorData);
    }

    function isOperator(address operator, address tokenHolder) public view returns (bool) {
        return operator == tokenHolder || _operators[operator][tokenHolder];
    }

    function isOperatorForPartition(bytes32 partition, address operator, address tokenHolder) public view returns (bool) {
        return isOperator(operator, tokenHolder) || _partitionOperators[partition][operator][tokenHolder];
    }

    function authorizeOperator(address operator) external {
        _operators[operator][msg.sender] = true;
        emit AuthorizedOperator(operator, msg.sender);
    }

    function revokeOperator(address operator) external {
        _operators[operator][msg.sender] = false;
        emit RevokedOperator(operator, msg.sender);
    }

    function authorizeOperatorByPartition(bytes32 partition, address operator) external {
        _partitionOperators[partition][operator][msg.sender] = true;
        emit AuthorizedOperatorByPartition(partition, operator, msg.sender);
    }

    function revokeOperatorByPartition(bytes32 partition, address operator) external {
        _partitionOperators[partition][operator][msg.sender] = false;
        emit RevokedOperatorByPartition(partition, operator, msg.sender);
    }

    // ---- ERC-1644 ----

    function isControllable() external pure returns (bool) {
        return true;
    }

    function controllerTransfer(address from, address to, uint256 value, bytes calldata data, bytes calldata operatorData) external onlyController {
        _transferByDefaultPartitions(msg.sender, from, to, value, data, operatorData);
        emit ControllerTransfer(msg.sender, from, to, value, data, operatorData);
    }

    function controllerRedeem(address tokenHolder, uint256 value, bytes calldata data, bytes calldata operatorData) external onlyController {
        uint256 left = value;
        for (uint256 i = 0; i < _defaultPartitions.length && left > 0; i++) {
            uint256 part = _min(left, _balanceByPartition[tokenHolder][_defaultPartitions[i]]);
            if (part == 0) continue;
            _burn(_defaultPartitions[i], tokenHolder, part);
            _emitRedeemedByPartition(_defaultPartitions[i], msg.sender, tokenHolder, part, data, operatorData);
            left -= part;
        }
        require(left == 0, "ERC1400: insufficient balance");
        emit ControllerRedemption(msg.sender, tokenHolder, value, data, operatorData);
    }

    // ---- ERC-1643 ----

    function setDocument(bytes32 docName, string calldata uri, bytes32 documentHash) external onlyOwner {
        if (_documents[docName].lastModified == 0) _documentNames.push(docName);
        _documents[docName] = Document(uri, documentHash, block.timestamp);
        emit DocumentUpdated(docName, uri, documentHash);
    }

    function removeDocument(bytes32 docName) external onlyOwner {
        Document memory doc = _documents[docName];
        require(doc.lastModified != 0, "ERC1400: no such document");
        delete _documents[docName];
        for (uint256 i = 0; i < _documentNames.length; i++) {
            if (_documentNames[i] == docName) {
                _documentNames[i] = _documentNames[_documentNames.length - 1];
                _documentNames.pop();
                break;
            }
        }
        emit DocumentRemoved(docName, doc.uri, doc.documentHash);
    }

    function getDocument(bytes32 docName) external view returns (string memory, bytes32, uint256) {
        Document memory doc = _documents[docName];
        return (doc.uri, doc.documentHash, doc.lastModified);
    }

    function getAllDocuments() external view returns (bytes32[] memory) {
        return _documentNames;
    }

    // ---- internals ----

    function _transferByDefaultPartitions(address operator, address from, address to, uint256 value, bytes memory data, bytes memory operatorData) internal {
        uint256 left = value;
        for (uint256 i = 0; i < _defaultPartitions.length && left > 0; i++) {
            uint256 part = _min(left, _balanceByPartition[from][_defaultPartitions[i]]);
            if (part == 0) continue;
            _transferByPartition(_defaultPartitions[i], operator, from, to, part, data, operatorData);
            left -= part;
        }
        require(left == 0, "ERC1400: insufficient balance");
    }

    function _transferByPartition(bytes32 fromPartition, address operator, address from, address to, uint256 value, bytes memory data, bytes memory operatorData)
        internal returns (bytes32)
    {
        require(to != address(0), "ERC1400: transfer to the zero address");
        bytes32 toPartition = _destination(fromPartition, data);
        _remove(fromPartition, from, value);
        _add(toPartition, to, value);
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
        emit TransferByPartition(fromPartition, operator, from, to, value, data, operatorData);
        if (toPartition != fromPartition) emit ChangedPartition(fromPartition, toPartition, value);
        return toPartition;
    }

    function _issueByPartition(bytes32 partition, address to, uint256 value, bytes memory data) internal {
        require(to != address(0), "ERC1400: issue to the zero address");
        _add(partition, to, value);
        balanceOf[to] += value;
        totalSupply += value;
        emit Issued(msg.sender, to, value, data);
        emit Transfer(address(0), to, value);
        if (polymathEvents) emit IssuedByPartition(partition, to, value, data);
        else emit IssuedByPartition(partition, msg.sender, to, value, data, "");
    }

    function _redeemByDefaultPartitions(address operator, address from, uint256 value, bytes memory data) internal {
        uint256 left = value;
        for (uint256 i = 0; i < _defaultPartitions.length && left > 0; i++) {
            uint256 part = _min(left, _balanceByPartition[from][_defaultPartitions[i]]);
            if (part == 0) continue;
            _redeemByPartition(_defaultPartitions[i], operator, from, part, data, "");
            left -= part;
        }
        require(left == 0, "ERC1400: insufficient balance");
    }

    function _redeemByPartition(bytes32 partition, address operator, address from, uint256 value, bytes memory data, bytes memory operatorData) internal {
        _burn(partition, from, value);
        emit Redeemed(operator, from, value, data);
        _emitRedeemedByPartition(partition, operator, from, value, data, operatorData);
    }

    function _burn(bytes32 partition, address from, uint256 value) internal {
        _remove(partition, from, value);
        balanceOf[from] -= value;
        totalSupply -= value;
        emit Transfer(from, address(0), value);
    }

    function _emitRedeemedByPartition(bytes32 partition, address operator, address from, uint256 value, bytes memory data, bytes memory operatorData) internal {
        if (polymathEvents) emit RedeemedByPartition(partition, operator, from, value, data, operatorData);
        else emit RedeemedByPartition(partition, operator, from, value, operatorData);
    }

    /** The partition a transfer lands in: the one named after CHANGE_PARTITION_FLAG in its data, else the one it leaves. */
    function _destination(bytes32 fromPartition, bytes memory data) internal pure returns (bytes32) {
        if (data.length < 64) return fromPartition;
        (bytes32 flag, bytes32 toPartition) = abi.decode(data, (bytes32, bytes32));
        return flag == CHANGE_PARTITION_FLAG ? toPartition : fromPartition;
    }

    function _add(bytes32 partition, address holder, uint256 value) internal {
        if (value == 0) return;
        if (_balanceByPartition[holder][partition] == 0) _partitionsOf[holder].push(partition);
        if (totalSupplyByPartition[partition] == 0) _totalPartitions.push(partition);
        _balanceByPartition[holder][partition] += value;
        totalSupplyByPartition[partition] += value;
    }

    function _remove(bytes32 partition, address holder, uint256 value) internal {
        require(_balanceByPartition[holder][partition] >= value, "ERC1400: insufficient balance in partition");
        if (value == 0) return;
        _balanceByPartition[holder][partition] -= value;
        totalSupplyByPartition[partition] -= value;
        if (_balanceByPartition[holder][partition] == 0) _drop(_partitionsOf[holder], partition);
        if (totalSupplyByPartition[partition] == 0) _drop(_totalPartitions, partition);
    }

    function _drop(bytes32[] storage list, bytes32 partition) internal {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == partition) {
                list[i] = list[list.length - 1];
                list.pop();
                return;
            }
        }
    }

    function _spendAllowance(address holder, uint256 value) internal {
        require(allowance[holder][msg.sender] >= value, "ERC1400: allowance exceeded");
        allowance[holder][msg.sender] -= value;
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
