namespace Chain.Storage.Postgres.ReadModel;

/// <summary>One page of a read-model query; <paramref name="Next"/> is null when there is nothing more.</summary>
public sealed record ReadModelPage<TItem, TCursor>(IReadOnlyList<TItem> Items, TCursor? Next)
    where TCursor : class;
