namespace Chain.Core.State;

/// <summary>A new value for a state key; a null <see cref="Value"/> removes the key.</summary>
public sealed record StateChange(byte[] Key, byte[]? Value);
