using System.Text;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Cli;

/// <summary>How a signed transaction is shown, as text and as JSON, by every command that shows one.</summary>
internal static class TransactionView
{
    public static JsonObject Json(SignedTransaction signed)
    {
        var body = signed.Body;
        var json = new JsonObject
        {
            ["hash"] = signed.Hash.ToString(),
            ["type"] = Display.Kebab(body.Payload.Kind),
            ["from"] = body.SenderAddress.ToString(),
            ["nonce"] = body.Nonce,
            ["fee"] = body.Fee,
            ["chainId"] = body.ChainId,
        };
        switch (body.Payload)
        {
            case Transfer transfer:
                json["to"] = transfer.To.ToString();
                json["amount"] = transfer.Amount;
                json["memo"] = Encoding.UTF8.GetString(transfer.Memo);
                break;
            case Bond bond:
                json["amount"] = bond.Amount;
                break;
            case Delegate delegation:
                json["validator"] = delegation.Validator.ToString();
                json["amount"] = delegation.Amount;
                break;
            case Unbond unbond:
                json["validator"] = unbond.Validator.ToString();
                json["amount"] = unbond.Amount;
                break;
            case Withdraw withdraw:
                json["validator"] = withdraw.Validator.ToString();
                break;
            case ReportEquivocation report:
                json["validator"] = report.Evidence.First.Validator.ToAddress().ToString();
                json["evidenceHeight"] = report.Evidence.First.Vote.Height;
                break;
            case Deploy deploy:
                json["codeBytes"] = deploy.Code.Length;
                json["codeHash"] = Chain.Protocol.Proofs.ContractRecord.CodeHashOf(deploy.Code).ToString();
                json["address"] = Chain.Protocol.Proofs.ContractRecord.DeriveAddress(body.SenderAddress, body.Nonce).ToString();
                json["admin"] = deploy.Admin?.ToString();
                json["gasLimit"] = deploy.GasLimit;
                ContractView.Put(json, "args", deploy.InitArgs);
                break;
            case Call call:
                json["contract"] = call.Contract.ToString();
                json["method"] = call.Method;
                json["value"] = call.Value;
                json["gasLimit"] = call.GasLimit;
                ContractView.Put(json, "args", call.Args);
                break;
            case Upgrade upgrade:
                json["contract"] = upgrade.Contract.ToString();
                json["codeHash"] = Chain.Protocol.Proofs.ContractRecord.CodeHashOf(upgrade.Code).ToString();
                json["gasLimit"] = upgrade.GasLimit;
                break;
        }

        return json;
    }

    public static void WriteSummary(TextWriter w, SignedTransaction signed)
    {
        var body = signed.Body;
        w.WriteLine($"hash:   {signed.Hash}");
        w.WriteLine($"from:   {body.SenderAddress}");
        if (body.Payload is Transfer transfer)
        {
            w.WriteLine($"to:     {transfer.To}");
            w.WriteLine($"amount: {transfer.Amount}  fee: {body.Fee}  nonce: {body.Nonce}  chain: {body.ChainId}");
            if (transfer.Memo.Length > 0)
            {
                w.WriteLine($"memo:   {Encoding.UTF8.GetString(transfer.Memo)}");
            }
        }
        else
        {
            w.WriteLine($"action: {Action(body.Payload)}");
            w.WriteLine($"fee: {body.Fee}  nonce: {body.Nonce}  chain: {body.ChainId}");
        }
    }

    /// <summary>One line for a block listing.</summary>
    public static string Line(SignedTransaction signed)
    {
        var body = signed.Body;
        return body.Payload is Transfer transfer
            ? $"{signed.Hash}  {body.SenderAddress} -> {transfer.To}  amount {transfer.Amount}  fee {body.Fee}  nonce {body.Nonce}"
            : $"{signed.Hash}  {body.SenderAddress}  {Action(body.Payload)}  fee {body.Fee}  nonce {body.Nonce}";
    }

    /// <summary>The JSON of a final transaction: its fields, where it is, its receipt, and that inclusion was verified.</summary>
    public static JsonObject FinalJson(TransactionInclusion inclusion)
    {
        var json = Json(inclusion.Transaction);
        json["status"] = "final";
        json["height"] = inclusion.Header.Height;
        json["index"] = inclusion.Index;
        json["receiptStatus"] = Display.Kebab(inclusion.Receipt.Status);
        json["feeCharged"] = inclusion.Receipt.FeeCharged;
        if (inclusion.Receipt.Contract is { } outcome)
        {
            json["result"] = ContractView.OutcomeJson(inclusion.Transaction.Body.Payload, outcome, inclusion.Receipt.Status);
        }

        json["inclusionVerified"] = true;
        if (inclusion.Legs.Count > 0)
        {
            json["crossShard"] = LegsJson(inclusion.Legs);
        }

        return json;
    }

    /// <summary>A cross-shard transfer's legs: which shard to which, and what each block did.</summary>
    public static JsonObject LegsJson(IReadOnlyList<TransferLeg> legs) => new()
    {
        ["from"] = legs[0].Receipt.Source,
        ["to"] = legs[0].Receipt.Destination,
        ["settled"] = !CrossShardLegs.InFlight(legs.Select(l => l.Kind)),
        ["legs"] = new JsonArray([.. legs.Select(l => (JsonNode)new JsonObject
        {
            ["kind"] = Display.Kebab(l.Kind),
            ["height"] = l.Height,
            ["source"] = l.Receipt.Source,
            ["destination"] = l.Receipt.Destination,
            ["sequence"] = l.Receipt.Sequence,
            ["amount"] = l.Receipt.Amount,
        })]),
    };

    /// <summary>One line per leg, e.g. <c>leg: sent     shard 1 -> 3 in block 12 (receipt #4)</c>.</summary>
    public static void WriteLegs(TextWriter w, IReadOnlyList<TransferLeg> legs)
    {
        foreach (var leg in legs)
        {
            var what = leg.Kind switch
            {
                CrossShardLegKind.Sent => $"sent from shard {leg.Receipt.Source} to shard {leg.Receipt.Destination}",
                CrossShardLegKind.Credited => $"credited on shard {leg.Receipt.Destination}",
                CrossShardLegKind.Bounced => $"not credited on shard {leg.Receipt.Destination} (timed out): sent back",
                CrossShardLegKind.CallSent => $"call {leg.Receipt.Message?.Method} sent from shard {leg.Receipt.Source} to shard {leg.Receipt.Destination}",
                CrossShardLegKind.CallExecuted => $"callee ran on shard {leg.Receipt.Source}: {leg.Receipt.Message?.Status}{(leg.Receipt.Amount > 0 ? $", {leg.Receipt.Amount} sent back" : string.Empty)}",
                CrossShardLegKind.CallbackRan => $"callback {(leg.Receipt.Message?.Method is { Length: > 0 } m ? m : "(none)")} ran on shard {leg.Receipt.Destination}",
                _ => $"refunded on shard {leg.Receipt.Destination}",
            };
            w.WriteLine($"leg:    {what} in block {leg.Height} (receipt #{leg.Receipt.Sequence})");
        }

        if (CrossShardLegs.InFlight(legs.Select(l => l.Kind)))
        {
            w.WriteLine("        in flight: on its way to another shard; `chain tx HASH` shows when it lands");
        }
    }

    /// <summary>What a non-transfer payload does, in a few words.</summary>
    private static string Action(TransactionPayload payload) => payload switch
    {
        Bond bond => $"bond {bond.Amount} as self-stake",
        Delegate delegation => $"delegate {delegation.Amount} to {delegation.Validator}",
        Unbond unbond => $"unbond {unbond.Amount} from {unbond.Validator}",
        Withdraw withdraw => $"withdraw matured unbonding from {withdraw.Validator}",
        Unjail => "unjail",
        ReportEquivocation report => $"report equivocation by {report.Evidence.First.Validator.ToAddress()} at height {report.Evidence.First.Vote.Height}",
        Deploy deploy => $"deploy {deploy.Code.Length} bytes of code, gas limit {deploy.GasLimit}",
        Call call => $"call {call.Method} on {call.Contract}, value {call.Value}, gas limit {call.GasLimit}",
        Upgrade upgrade => $"upgrade {upgrade.Contract} to {upgrade.Code.Length} bytes of code, gas limit {upgrade.GasLimit}",
        _ => Display.Kebab(payload.Kind),
    };
}
