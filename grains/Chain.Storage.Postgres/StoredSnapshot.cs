namespace Chain.Storage.Postgres;

/// <summary>A stream's snapshot as a Marten document (id: the stream id), written in the append's transaction.</summary>
public sealed class StoredSnapshot
{
    public string Id { get; set; } = string.Empty;

    public int Version { get; set; }

    public byte[] State { get; set; } = [];
}
