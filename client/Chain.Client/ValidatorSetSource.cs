namespace Chain.Client;

/// <summary>Where the validator set that checked a certificate came from: this decides how much the check is worth.</summary>
public enum ValidatorSetSource
{
    /// <summary>The set of a genesis document the caller supplied: the proof holds even against a lying node.</summary>
    PinnedGenesis,

    /// <summary>The set the node reported: the proof holds only if the node told the truth about who validates.</summary>
    ReportedByNode,
}
