namespace Chain.Core.State;

/// <summary>Reads committed state by key: the flat key-value view that execution uses (no tree walk).</summary>
public interface IStateReader
{
    byte[]? Get(byte[] key);
}
