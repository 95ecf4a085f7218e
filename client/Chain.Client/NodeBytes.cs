using Chain.Protocol.Encoding;

namespace Chain.Client;

/// <summary>Decodes canonical bytes a node sent; bytes that do not decode are a failed verification, not a crash.</summary>
internal static class NodeBytes
{
    internal delegate T SpanDecoder<out T>(ReadOnlySpan<byte> bytes);

    public static T Decode<T>(string what, byte[] bytes, SpanDecoder<T> decode)
    {
        try
        {
            return decode(bytes);
        }
        catch (DecodeException e)
        {
            throw ChainClientException.Verification($"the {what} does not decode: {e.Message}");
        }
    }
}
