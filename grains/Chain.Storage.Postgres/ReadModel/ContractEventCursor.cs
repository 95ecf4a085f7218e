namespace Chain.Storage.Postgres.ReadModel;

/// <summary>Where a contract-events page ended: the next page holds what came strictly after it.</summary>
public sealed record ContractEventCursor(long Height, int TransactionIndex, int Index);
