namespace Chain.Grains.Validator;

/// <summary>The end of an activation: unless the silo is stopping, the validator is activated again at once.</summary>
public sealed partial class ValidatorGrain
{
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode is DeactivationReasonCode.ShuttingDown or DeactivationReasonCode.ActivationFailed)
        {
            return Task.CompletedTask;
        }

        // Never silent: a validator that is not running is a validator that does not vote.
        ValidatorLog.Deactivated(log, _name, reason.ReasonCode, reason.Description);
        supervisor.Restart(_name);
        return Task.CompletedTask;
    }
}
