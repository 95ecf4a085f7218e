namespace Chain.Client;

/// <summary>What went wrong, in terms a caller can act on. The CLI maps each kind to one exit code.</summary>
public enum ChainClientErrorKind
{
    /// <summary>The gateway cannot be reached, or the connection to it was lost.</summary>
    Unreachable,

    /// <summary>The chain refused a transaction; <see cref="ChainClientException.TxError"/> says why.</summary>
    Rejected,

    /// <summary>Something the node sent does not check out: a proof, a certificate or an inclusion path.</summary>
    VerificationFailed,

    /// <summary>The node has no such block, transaction or certified state.</summary>
    NotFound,

    /// <summary>The caller's input is unusable: a bad address, key file, hex string or gateway.</summary>
    InvalidInput,

    /// <summary>A wait ran out before the transaction became final.</summary>
    TimedOut,
}
