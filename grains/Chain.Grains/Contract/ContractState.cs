using Chain.GrainInterfaces;
using Chain.Grains.Contract.Events;

namespace Chain.Grains.Contract;

/// <summary>
/// A contract grain's state: the fold of its stream. Small on purpose: the storage itself is a projection in the
/// ledger's state store (and in the state root); the stream only records which block changed it.
/// </summary>
[GenerateSerializer]
public sealed class ContractState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public byte[] Deployer { get; set; } = [];

    [Id(2)] public byte[]? Admin { get; set; }

    [Id(3)] public ulong DeployedHeight { get; set; }

    [Id(4)] public ulong UpgradedHeight { get; set; }

    [Id(5)] public List<ContractVersion> Versions { get; set; } = [];

    [Id(6)] public ulong EventCount { get; set; }

    [Id(7)] public ulong StorageChangedHeight { get; set; }

    /// <summary>The height of the stream's latest event.</summary>
    [Id(8)] public ulong LastHeight { get; set; }

    public void Apply(ContractStreamEvent e)
    {
        if (e.Height < LastHeight)
        {
            throw new InvalidOperationException($"contract stream goes back from height {LastHeight} to {e.Height}");
        }

        LastHeight = e.Height;
        switch (e)
        {
            case ContractDeployed d:
                Exists = true;
                Deployer = d.Deployer;
                Admin = d.Admin;
                DeployedHeight = d.BlockHeight;
                Versions.Add(new ContractVersion(1, d.CodeHash, d.BlockHeight, d.TransactionHash));
                break;
            case ContractUpgraded u:
                UpgradedHeight = u.BlockHeight;
                Versions.Add(new ContractVersion(u.Version, u.CodeHash, u.BlockHeight, u.TransactionHash));
                break;
            case StorageChanged s:
                StorageChangedHeight = s.BlockHeight;
                break;
            case EventsEmitted m:
                EventCount += (ulong)m.Events.Count;
                break;
        }
    }

    public ContractState Copy() => new()
    {
        Exists = Exists,
        Deployer = Deployer,
        Admin = Admin,
        DeployedHeight = DeployedHeight,
        UpgradedHeight = UpgradedHeight,
        Versions = [.. Versions],
        EventCount = EventCount,
        StorageChangedHeight = StorageChangedHeight,
        LastHeight = LastHeight,
    };
}
