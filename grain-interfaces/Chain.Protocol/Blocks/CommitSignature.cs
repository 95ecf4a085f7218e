using Chain.Protocol.Crypto;

namespace Chain.Protocol.Blocks;

/// <summary>One validator's precommit signature, naming the validator by its index in the set.</summary>
public sealed record CommitSignature(uint ValidatorIndex, Signature Signature);
