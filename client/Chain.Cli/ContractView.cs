using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary>
/// How contract results are shown: return data and event data as JSON when they are valid UTF-8 JSON, otherwise
/// as hex; topics as text when they are valid UTF-8.
/// </summary>
internal static class ContractView
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The bytes as a JSON value when they are UTF-8 JSON; otherwise null.</summary>
    public static JsonNode? AsJson(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(StrictUtf8.GetString(bytes));
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>JSON text, compact, or <c>0x…</c> hex, or empty.</summary>
    public static string Text(byte[] bytes) =>
        bytes.Length == 0 ? "(none)" : AsJson(bytes)?.ToJsonString() ?? "0x" + Display.Hex(bytes);

    public static string Topic(byte[] topic)
    {
        try
        {
            return StrictUtf8.GetString(topic);
        }
        catch (DecoderFallbackException)
        {
            return "0x" + Display.Hex(topic);
        }
    }

    /// <summary>Adds the JSON form of <paramref name="bytes"/> under <paramref name="name"/> (parsed JSON) or <c>{name}Hex</c>.</summary>
    public static void Put(JsonObject json, string name, byte[] bytes)
    {
        if (AsJson(bytes) is { } parsed)
        {
            json[name] = parsed;
        }
        else
        {
            json[name + "Hex"] = Display.Hex(bytes);
        }
    }

    /// <summary>The contract section of a final receipt.</summary>
    public static JsonObject OutcomeJson(TransactionPayload payload, ContractOutcome outcome, ReceiptStatus status)
    {
        var json = new JsonObject
        {
            ["gasUsed"] = outcome.GasUsed,
            ["message"] = Encoding.UTF8.GetString(outcome.Message),
        };
        if (payload is Deploy && status == ReceiptStatus.Success && outcome.ReturnData.Length == Address.Size)
        {
            json["address"] = new Address(outcome.ReturnData).ToString();
        }
        else
        {
            Put(json, "returnData", outcome.ReturnData);
        }

        json["events"] = new JsonArray([.. outcome.Events.Select(e => (JsonNode)EventJson(e.Contract, e.Topic, e.Data))]);
        return json;
    }

    public static void WriteOutcome(TextWriter w, TransactionPayload payload, ContractOutcome outcome, ReceiptStatus status)
    {
        if (payload is Deploy && status == ReceiptStatus.Success && outcome.ReturnData.Length == Address.Size)
        {
            w.WriteLine($"contract: {new Address(outcome.ReturnData)}");
        }
        else if (outcome.ReturnData.Length > 0)
        {
            w.WriteLine($"return: {Text(outcome.ReturnData)}");
        }

        if (outcome.Message.Length > 0)
        {
            w.WriteLine($"message: {Encoding.UTF8.GetString(outcome.Message)}");
        }

        w.WriteLine($"gas used: {outcome.GasUsed}");
        foreach (var e in outcome.Events)
        {
            w.WriteLine($"event: {Topic(e.Topic)} {Text(e.Data)}  (from {e.Contract})");
        }
    }

    public static JsonObject EventJson(Address contract, byte[] topic, byte[] data)
    {
        var json = new JsonObject { ["contract"] = contract.ToString(), ["topic"] = Topic(topic) };
        Put(json, "data", data);
        return json;
    }

    public static JsonObject EntryJson(ContractEventEntry e)
    {
        var json = new JsonObject
        {
            ["cursor"] = e.Cursor,
            ["height"] = e.Height,
            ["index"] = e.TransactionIndex,
            ["transaction"] = new Hash32(e.TransactionHash).ToString(),
            ["topic"] = Topic(e.Topic),
        };
        Put(json, "data", e.Data);
        return json;
    }
}
