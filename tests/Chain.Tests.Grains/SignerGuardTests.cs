using Chain.Grains.Validator;
using Chain.Storage;

namespace Chain.Tests.Grains;

public sealed class SignerGuardTests
{
    [Fact]
    public void The_guard_refuses_to_sign_at_or_below_the_last_recorded_position_even_after_a_restart()
    {
        var store = new InMemoryKeyValueStore();
        var guard = new SignerGuard(store);
        Assert.True(guard.TryAuthorize(new SignedPosition(5, 0, SignedStep.Proposal), [1]));
        Assert.True(guard.TryAuthorize(new SignedPosition(5, 0, SignedStep.Prevote), [2]));
        Assert.False(guard.TryAuthorize(new SignedPosition(5, 0, SignedStep.Prevote), [3]));
        Assert.False(guard.TryAuthorize(new SignedPosition(5, 0, SignedStep.Proposal), [3]));
        Assert.False(guard.TryAuthorize(new SignedPosition(4, 9, SignedStep.Precommit), [3]));

        // A new guard over the same store (a restarted validator) remembers the position and the lock state.
        var restarted = new SignerGuard(store);
        Assert.Equal(new SignedPosition(5, 0, SignedStep.Prevote), restarted.Last);
        Assert.Equal([2], restarted.LastSnapshot);
        Assert.False(restarted.TryAuthorize(new SignedPosition(5, 0, SignedStep.Prevote), [4]));
        Assert.True(restarted.TryAuthorize(new SignedPosition(5, 0, SignedStep.Precommit), [5]));
        Assert.True(restarted.TryAuthorize(new SignedPosition(5, 1, SignedStep.Prevote), [6]));
        Assert.True(restarted.TryAuthorize(new SignedPosition(6, 0, SignedStep.Proposal), [7]));
    }

    [Fact]
    public void A_record_written_before_the_snapshot_had_its_own_key_is_still_read()
    {
        // The earlier layout: position, then the snapshot length-prefixed, under the one key.
        var store = new InMemoryKeyValueStore();
        var w = new Chain.Protocol.Encoding.CanonicalWriter();
        w.WriteU64(7);
        w.WriteU32(2);
        w.WriteU8((byte)SignedStep.Precommit);
        w.WriteBytes([9, 8, 7]);
        store.Write(new WriteBatch().Put("signer"u8.ToArray(), w.ToArray()), durable: true);

        var guard = new SignerGuard(store);
        Assert.Equal(new SignedPosition(7, 2, SignedStep.Precommit), guard.Last);
        Assert.Equal([9, 8, 7], guard.LastSnapshot);
        Assert.False(guard.TryAuthorize(new SignedPosition(7, 2, SignedStep.Prevote), [1]));
        Assert.True(guard.TryAuthorize(new SignedPosition(8, 0, SignedStep.Proposal), [1, 2]));
        Assert.Equal([1, 2], new SignerGuard(store).LastSnapshot);
    }
}
