namespace Chain.Protocol;

/// <summary>Chain ids are 1..32 characters of <c>[a-z0-9-]</c>; they go into every signed message.</summary>
public static class ChainId
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > ProtocolLimits.MaxChainIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
