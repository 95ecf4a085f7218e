namespace Chain.Storage;

/// <summary>One stored event of a stream: <see cref="Version"/> is its 0-based position, <see cref="Event"/>
/// the caller's encoding of it.</summary>
public readonly record struct StreamEvent(int Version, byte[] Event);
