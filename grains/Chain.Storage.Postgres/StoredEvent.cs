namespace Chain.Storage.Postgres;

/// <summary>
/// One event of a chain stream as Marten stores it: the caller's canonical bytes (base64 in the JSON body).
/// Marten only carries it; the grain that owns the stream decodes it.
/// </summary>
public sealed class StoredEvent
{
    public byte[] Data { get; set; } = [];
}
