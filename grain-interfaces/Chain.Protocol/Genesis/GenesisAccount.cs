using Chain.Protocol.Crypto;

namespace Chain.Protocol.Genesis;

public sealed record GenesisAccount(Address Address, ulong Balance);
