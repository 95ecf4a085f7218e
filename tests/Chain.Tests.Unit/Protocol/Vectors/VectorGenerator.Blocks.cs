using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject Blocks()
    {
        var single = VectorFixtures.SingleValidatorSet();
        var three = VectorFixtures.ThreeValidatorSet();
        var block1 = VectorFixtures.Block1();
        var block2 = VectorFixtures.Block2();
        var tx = VectorFixtures.TransferWithoutMemo();

        return new JsonObject
        {
            ["description"] = "Validator sets, headers, votes, receipts, quorum certificates, blocks as proposed and as finalized (one shard: each with the one chunk header its header's chunksRoot commits to; sharded blocks are in sharding.json), docs/protocol.md section 5. Certificates name their header and validator set by the 'name' of an entry above; a certificate's 'hash' is Tagged(\"chain/certificate/v1\", encoding), what a child header's lastCertificateHash commits to. 'lastCertificate' is the parent certificate a block carries, or null. An invalid entry with 'paddedLength' is 'encoding' followed by zero bytes up to that length.",
            ["validatorSets"] = new JsonArray(
                ValidatorSetVector("single", single, single.Validators),
                ValidatorSetVector("three", three, [three.Validators[2], three.Validators[0], three.Validators[1]])),
            ["headers"] = new JsonArray(HeaderVector("block1", block1), HeaderVector("block2", block2)),
            ["votes"] = new JsonArray(
                VoteVector(new Vote(VoteKind.Prevote, block1.ChainId, block1.Height, 0, block1.Hash())),
                VoteVector(new Vote(VoteKind.Precommit, block1.ChainId, block1.Height, 0, block1.Hash())),
                VoteVector(new Vote(VoteKind.Precommit, block2.ChainId, block2.Height, 3, block2.Hash()))),
            ["receipts"] = new JsonArray(
                ReceiptVector(VectorFixtures.SuccessReceipt(tx)),
                ReceiptVector(new Receipt(tx.Hash, ReceiptStatus.InsufficientBalance, ulong.MaxValue)),
                ReceiptVector(new Receipt(tx.Hash, ReceiptStatus.BalanceOverflow, 0)),
                ReceiptVector(VectorFixtures.ContractReceipt(VectorFixtures.CallTransaction())),
                ReceiptVector(VectorFixtures.RevertedReceipt(VectorFixtures.CallTransaction()))),
            ["certificates"] = Certificates(single, three, block1, block2),
            ["blocks"] = ProposedBlocks(),
            ["finalizedBlocks"] = FinalizedBlocks(),
            ["quorum"] = Array(QuorumTable(), q => new JsonObject
            {
                ["powers"] = Array(q.Powers, p => Dec(p)),
                ["signers"] = Array(q.Signers, i => i),
                ["quorum"] = q.IsQuorum,
            }),
            ["invalid"] = InvalidBlockEncodings(block1),
        };
    }

    private static JsonObject ValidatorSetVector(string name, ValidatorSet set, IEnumerable<Validator> inputOrder) => new()
    {
        ["name"] = name,
        ["validators"] = Array(inputOrder, v => new JsonObject { ["publicKey"] = Hex(v.PublicKey.ToArray()), ["power"] = Dec(v.Power) }),
        ["encoding"] = Hex(set.Encode()),
        ["hash"] = Hex(set.Hash),
        ["totalPower"] = Dec(set.TotalPower),
    };

    private static JsonObject HeaderVector(string name, BlockHeader h) => new()
    {
        ["name"] = name,
        ["chainId"] = h.ChainId,
        ["height"] = Dec(h.Height),
        ["previousHash"] = Hex(h.PreviousHash),
        ["timeUnixMs"] = Dec(h.TimeUnixMs),
        ["transactionsRoot"] = Hex(h.TransactionsRoot),
        ["receiptsRoot"] = Hex(h.ReceiptsRoot),
        ["stateRoot"] = Hex(h.StateRoot),
        ["validatorSetHash"] = Hex(h.ValidatorSetHash),
        ["nextValidatorSetHash"] = Hex(h.NextValidatorSetHash),
        ["lastCertificateHash"] = Hex(h.LastCertificateHash),
        ["proposer"] = Hex(h.Proposer.ToArray()),
        ["transactionCount"] = h.TransactionCount,
        ["chunksRoot"] = Hex(h.ChunksRoot),
        ["encoding"] = Hex(h.Encode()),
        ["hash"] = Hex(h.Hash()),
    };

    private static JsonObject VoteVector(Vote v) => new()
    {
        ["kind"] = (int)v.Kind,
        ["chainId"] = v.ChainId,
        ["height"] = Dec(v.Height),
        ["round"] = v.Round,
        ["blockHash"] = Hex(v.BlockHash),
        ["signingBytes"] = Hex(v.SigningBytes()),
    };

    private static JsonObject ReceiptVector(Receipt r) => new()
    {
        ["transactionHash"] = Hex(r.TransactionHash),
        ["status"] = (int)r.Status,
        ["feeCharged"] = Dec(r.FeeCharged),
        ["contract"] = r.Contract is not { } c ? null : new JsonObject
        {
            ["gasUsed"] = Dec(c.GasUsed),
            ["returnData"] = Hex(c.ReturnData),
            ["message"] = Hex(c.Message),
            ["events"] = Array(c.Events, e => new JsonObject { ["contract"] = Hex(e.Contract.ToArray()), ["topic"] = Hex(e.Topic), ["data"] = Hex(e.Data) }),
        },
        ["encoding"] = Hex(r.Encode()),
    };

    private static JsonArray Certificates(ValidatorSet single, ValidatorSet three, BlockHeader block1, BlockHeader block2)
    {
        var forBlock1 = VectorFixtures.Certify(block1, 0, single, 1);
        using var stranger = VectorFixtures.Key(4);
        var message = new Vote(VoteKind.Precommit, block1.ChainId, block1.Height, 0, block1.Hash()).SigningBytes();
        var outsider = forBlock1 with { Signatures = [new CommitSignature(0, stranger.Sign(message))] };

        var wrongRound = forBlock1 with { Round = 1 };
        return new JsonArray(
            CertificateVector("one validator of one signs: valid", "block1", block1, "single", single, forBlock1),
            CertificateVector("powers 30+20 of 60 sign (50 > 40): valid", "block2", block2, "three", three, VectorFixtures.Certify(block2, 1, three, 1, 2)),
            CertificateVector("all three sign: valid", "block2", block2, "three", three, VectorFixtures.Certify(block2, 1, three, 1, 2, 3)),
            CertificateVector("powers 30+10 of 60 sign: exactly 2/3 is not a quorum", "block2", block2, "three", three, VectorFixtures.Certify(block2, 1, three, 1, 3)),
            CertificateVector("powers 20+10 of 60 sign: not a quorum", "block2", block2, "three", three, VectorFixtures.Certify(block2, 1, three, 2, 3)),
            CertificateVector("checked against a validator set the header does not name", "block1", block1, "three", three, forBlock1),
            CertificateVector("checked against another header", "block2", block2, "three", three, forBlock1),
            CertificateVector("signature by a key outside the set", "block1", block1, "single", single, outsider),
            CertificateVector("round changed after signing", "block1", block1, "single", single, wrongRound));
    }

    private static JsonObject CertificateVector(string description, string headerName, BlockHeader header, string setName, ValidatorSet set, QuorumCertificate qc)
    {
        var check = CertificateVerifier.Verify(header, qc, set);
        return new JsonObject
        {
            ["description"] = description,
            ["header"] = headerName,
            ["validatorSet"] = setName,
            ["height"] = Dec(qc.Height),
            ["round"] = qc.Round,
            ["blockHash"] = Hex(qc.BlockHash),
            ["signatures"] = Array(qc.Signatures, s => new JsonObject { ["validatorIndex"] = s.ValidatorIndex, ["signature"] = Hex(s.Signature.ToArray()) }),
            ["encoding"] = Hex(qc.Encode()),
            ["hash"] = Hex(qc.Hash()),
            ["valid"] = check.IsValid,
            ["signedPower"] = check.IsValid ? Dec(check.SignedPower) : null,
        };
    }

    private static JsonArray ProposedBlocks()
    {
        var block1 = VectorFixtures.ProposedBlock1();
        var block2 = VectorFixtures.ProposedBlock2();
        var otherParent = VectorFixtures.Certify(VectorFixtures.Block1(), 1, VectorFixtures.SingleValidatorSet(), 1);
        return new JsonArray(
            BlockVector("block 1 as proposed: no parent certificate, one transfer", block1),
            BlockVector("block 2 as proposed: block 1's certificate as parent certificate, no transactions", block2),
            BlockVector("block 2 without its parent certificate: decodes, but the header commits to one", block2 with { LastCertificate = null }),
            BlockVector("block 2 with another certificate of block 1 (round 1): decodes, but it is not the one the header commits to", block2 with { LastCertificate = otherParent }),
            BlockVector("block 1 carrying a parent certificate: decodes, but its header's lastCertificateHash is zero", block1 with { LastCertificate = otherParent }),
            BlockVector("block 1 without its transaction: decodes, but the count does not match the header", block1 with { Transactions = [] }),
            BlockVector("block 1 with another transaction: decodes, but the transactions root does not match", block1 with { Transactions = [VectorFixtures.TransferWithMemo()] }),
            BlockVector("block 8 of the four-shard chain of sharding.json as proposed: four transactions and three incoming receipts", VectorFixtures.ShardedBlock().ToBlock()));
    }

    private static JsonObject BlockVector(string description, Block block) => new()
    {
        ["description"] = description,
        ["header"] = Hex(block.Header.Encode()),
        ["lastCertificate"] = block.LastCertificate is null ? null : Hex(block.LastCertificate.Encode()),
        ["lastCertificateHash"] = Hex(QuorumCertificate.HashOf(block.LastCertificate)),
        ["transactions"] = Array(block.Transactions, t => Hex(t.EncodedSpan)),
        ["incoming"] = Array(block.Incoming, i => Hex(i.Encode())),
        ["encoding"] = Hex(block.Encode()),
        ["hash"] = Hex(block.Hash()),
        ["bodyValid"] = block.CheckBody() is null,
    };

    private static JsonArray FinalizedBlocks()
    {
        var block = VectorFixtures.FinalizedBlock1();
        var wrongFee = block with { Receipts = [block.Receipts[0] with { FeeCharged = 11 }] };
        var block2 = VectorFixtures.FinalizedBlock2();

        // Receipts swapped, with a header whose roots commit to them: only the per-receipt check catches it.
        var txs = new[] { VectorFixtures.TransferWithoutMemo(), VectorFixtures.TransferWithMemo() };
        var swapped = new[] { VectorFixtures.SuccessReceipt(txs[1]), VectorFixtures.SuccessReceipt(txs[0]) };
        var chunks = ChunkLayout.Headers(1, txs, [], []);
        var header = VectorFixtures.Block1() with
        {
            TransactionsRoot = FinalizedBlock.TransactionsRoot(txs),
            ReceiptsRoot = FinalizedBlock.ReceiptsRoot(swapped),
            TransactionCount = 2,
            ChunksRoot = ChunkHeader.Root(chunks),
        };
        var misordered = new FinalizedBlock(header, VectorFixtures.Certify(header, 0, VectorFixtures.SingleValidatorSet(), 1), null, txs, swapped) { Chunks = chunks };
        return new JsonArray(
            FinalizedBlockVector("block 1 with its certificate, one transfer and its receipt", block),
            FinalizedBlockVector("receipt fee changed: decodes, but the body does not match the header's receipts root", wrongFee),
            FinalizedBlockVector("receipts in the wrong order, committed to by the header: decodes, but receipt 0 names another transaction", misordered),
            FinalizedBlockVector("block 2 with its certificate and block 1's certificate as parent certificate", block2),
            FinalizedBlockVector("block 2 without its parent certificate: decodes, but the header commits to one", block2 with { LastCertificate = null }),
            FinalizedBlockVector("block 2 with its own certificate as parent certificate: decodes, but it is not the one the header commits to", block2 with { LastCertificate = block2.Certificate }),
            FinalizedBlockVector("block 1 with its chunk header's transaction count changed: decodes, but the chunks root does not match", block with { Chunks = [block.Chunks[0] with { TransactionCount = 0 }] }));
    }

    private static JsonObject FinalizedBlockVector(string description, FinalizedBlock block) => new()
    {
        ["description"] = description,
        ["header"] = Hex(block.Header.Encode()),
        ["certificate"] = Hex(block.Certificate.Encode()),
        ["lastCertificate"] = block.LastCertificate is null ? null : Hex(block.LastCertificate.Encode()),
        ["transactions"] = Array(block.Transactions, t => Hex(t.EncodedSpan)),
        ["receipts"] = Array(block.Receipts, r => Hex(r.Encode())),
        ["transactionsRoot"] = Hex(FinalizedBlock.TransactionsRoot(block.Transactions)),
        ["receiptsRoot"] = Hex(FinalizedBlock.ReceiptsRoot(block.Receipts)),
        ["incoming"] = Array(block.Incoming, i => Hex(i.Encode())),
        ["outgoing"] = Array(block.Outgoing, r => Hex(r.Encode())),
        ["chunks"] = Array(block.Chunks, c => Hex(c.Encode())),
        ["chunksRoot"] = Hex(ChunkHeader.Root(block.Chunks)),
        ["encoding"] = Hex(block.Encode()),
        ["bodyValid"] = block.CheckBody() is null,
    };

    /// <summary>The >2/3 rule, 3·signed &gt; 2·total, at its edges, including totals near 2^64.</summary>
    public static IEnumerable<(ulong[] Powers, int[] Signers, bool IsQuorum)> QuorumTable()
    {
        const ulong third = ulong.MaxValue / 3;
        (ulong[] Powers, int[] Signers)[] cases =
        [
            ([1], [0]),
            ([1], []),
            ([1, 1], [0]),
            ([1, 1], [0, 1]),
            ([1, 1, 1], [0, 1]),
            ([1, 1, 1], [0, 1, 2]),
            ([2, 1], [0]),
            ([2, 1], [0, 1]),
            ([1, 1, 1, 1], [0, 1]),
            ([1, 1, 1, 1], [0, 1, 2]),
            ([30, 20, 10], [0, 1]),
            ([30, 20, 10], [0, 2]),
            ([2, 2, 1, 1], [0, 1]),
            ([2, 2, 1, 1], [0, 2, 3]),
            ([2, 2, 1, 1], [0, 1, 2]),
            ([third, third, third], [0, 1]),
            ([third, third, third], [0, 1, 2]),
            ([(ulong.MaxValue / 2) + 1, ulong.MaxValue / 2], [0]),
        ];
        foreach (var (powers, signers) in cases)
        {
            var total = powers.Aggregate(UInt128.Zero, (s, p) => s + p);
            var signed = signers.Aggregate(UInt128.Zero, (s, i) => s + powers[i]);
            yield return (powers, signers, 3 * signed > 2 * total);
        }
    }
}
