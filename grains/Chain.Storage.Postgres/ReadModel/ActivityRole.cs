namespace Chain.Storage.Postgres.ReadModel;

/// <summary>What an account was to a transaction; a transfer to oneself is both.</summary>
[Flags]
public enum ActivityRole
{
    None = 0,
    Sender = 1,
    Recipient = 2,
}
