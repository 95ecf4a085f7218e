namespace Chain.Storage;

/// <summary>A stream's state after its first <see cref="Version"/> events, in the caller's encoding.</summary>
public readonly record struct StreamSnapshot(int Version, byte[] State);
