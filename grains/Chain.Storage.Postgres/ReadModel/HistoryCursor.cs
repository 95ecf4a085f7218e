namespace Chain.Storage.Postgres.ReadModel;

/// <summary>Where an account-history page ended: the next page holds what came strictly before (height, index).</summary>
public sealed record HistoryCursor(long Height, int Index);
